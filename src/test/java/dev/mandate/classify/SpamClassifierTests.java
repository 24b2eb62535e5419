package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SpamClassifierTests {

    private final SpamClassifier classifier = new SpamClassifier(SpamModel.bundled(), 0.5, 1.5);

    @Test
    void classifiesTheSeedThreadsAsTheirHandLabelsSay() throws IOException {
        JsonNode root = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("..", "shared", "fixtures", "seed-threads.json")));
        int comments = 0;
        for (JsonNode thread : root.get("threads")) {
            String post = thread.get("post").get("text").stringValue();
            for (JsonNode comment : thread.get("comments")) {
                Spam spam = classifier.classify(comment.get("text").stringValue(), post);
                boolean expected = comment.get("expected").get("spam").booleanValue();
                assertThat(spam.spam())
                        .as(
                                "%s %s (score %.3f, reasons %s)",
                                thread.get("id").stringValue(),
                                comment.get("external_id").stringValue(),
                                spam.score(),
                                spam.reasons())
                        .isEqualTo(expected);
                comments++;
            }
        }
        assertThat(comments).isEqualTo(7);
    }

    @Test
    void catchesTheHairStraightenerAdvertBecauseItIsOffTopic() throws IOException {
        JsonNode thread = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("..", "shared", "fixtures", "seed-threads.json")))
                .get("threads")
                .get(0);
        String advert = thread.get("comments").get(0).get("text").stringValue();

        Spam spam = classifier.classify(advert, thread.get("post").get("text").stringValue());

        assertThat(spam.verdict()).isEqualTo(Spam.Verdict.SPAM);
        assertThat(spam.reasons()).first().isEqualTo("signal:off-topic");
        assertThat(spam.reasons()).hasSizeLessThanOrEqualTo(SpamClassifier.REASONS);
    }

    @Test
    void catchesAnAdvertWithALinkWithoutContext() {
        Spam spam = classifier.classify(
                "Check out my new channel and subscribe please!!! http://www.youtube.com/user/cheapfollowers", null);

        assertThat(spam.spam()).isTrue();
        assertThat(spam.score()).isGreaterThan(0.5);
        assertThat(spam.reasons()).isNotEmpty();
    }

    @Test
    void readsALinkBackToThePostAsNoLinkOut() {
        String comment = "best part http://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s";

        Spam alone = classifier.classify(comment, null);
        Spam underItsVideo = classifier.classify(
                comment, "LMFAO - Party Rock Anthem ft. Lauren Bennett https://www.youtube.com/watch?v=KQ6zr6kCPj8");
        Spam underAnother =
                classifier.classify(comment, "Katy Perry - Roar https://www.youtube.com/watch?v=CevxZvSJLk8");
        // a reply repeating its parent message's link still links out: the parent may be the spammer's own advert
        Spam replyToAMessage = classifier.classifyAnswering(
                comment,
                SpamClassifier.Context.message("LMFAO https://www.youtube.com/watch?v=KQ6zr6kCPj8"),
                SpamClassifier.Seen.NOTHING);

        assertThat(underItsVideo.score()).isLessThan(alone.score());
        assertThat(underItsVideo.reasons()).first().isEqualTo("signal:links-to-context");
        assertThat(underAnother.score()).isEqualTo(alone.score());
        assertThat(underAnother.reasons()).doesNotContain("signal:links-to-context");
        assertThat(replyToAMessage.reasons()).doesNotContain("signal:links-to-context");
        assertThat(replyToAMessage.score()).isGreaterThan(underItsVideo.score());
    }

    @Test
    void keepsAnAdvertThatAlsoLinksThePostAsSpam() {
        String post = "Party Rock Anthem, the official video by LMFAO featuring Lauren Bennett and GoonRock, shot in"
                + " Los Angeles with dancers, shufflers and a zombie apocalypse https://www.youtube.com/watch?v=KQ6zr6kCPj8";
        String advert = "lol https://youtu.be/KQ6zr6kCPj8 https://youtu.be/KQ6zr6kCPj8 buy followers cheap at"
                + " http://cheapfollowers.biz";

        Spam spam = classifier.classify(advert, post);

        assertThat(spam.spam()).isTrue();
        assertThat(spam.reasons()).doesNotContain("signal:on-topic", "signal:links-to-context");
        assertThat(spam.score())
                .isGreaterThanOrEqualTo(classifier.classify(advert, null).score() - 0.2);
    }

    @Test
    void givesADefinedResultForEmptyEmojiAndHugeTexts() {
        assertThat(classifier.classify("", null).verdict()).isEqualTo(Spam.Verdict.NOT_SPAM);
        assertThat(classifier.classify(null, null).verdict()).isEqualTo(Spam.Verdict.NOT_SPAM);
        assertThat(classifier.classify("🙂🙂🙂", "").score()).isBetween(0.0, 1.0);
        String huge = "Das ist ein sehr langer Kommentar über Outsourcing. ".repeat(100_000);

        long start = System.nanoTime();
        Spam spam = classifier.classify(huge, huge);

        assertThat(spam.score()).isBetween(0.0, 1.0);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void measuresTopicOverlapOnlyWhenBothTextsSayEnough() {
        assertThat(SpamClassifier.topicOverlap("nice", "a long post")).isEqualTo(-1);
        assertThat(SpamClassifier.topicOverlap("Outsourcing outsourcing social social", null))
                .isEqualTo(-1);
    }

    @Test
    void weighsTheAuthorsHistoryAndTextRepeatedElsewhere() {
        String text = "I just uploaded a new video, would love to hear what you think";
        Spam alone = classifier.classify(text, null, SpamClassifier.Seen.NOTHING);

        Spam spammer = classifier.classify(text, null, new SpamClassifier.Seen(6, 0, 9));
        Spam regular = classifier.classify(text, null, new SpamClassifier.Seen(0, 6, 0));

        assertThat(classifier.classify(text, null)).isEqualTo(alone);
        assertThat(spammer.score()).isGreaterThan(alone.score());
        assertThat(spammer.spam()).isTrue();
        assertThat(spammer.reasons()).startsWith("signal:author-spam-history", "signal:repeated-text");
        assertThat(regular.score()).isLessThan(alone.score());
        assertThat(regular.spam()).isFalse();
        assertThat(regular.reasons()).first().isEqualTo("signal:author-good-history");
    }

    @Test
    void doesNotCountShortCommonTextsAsRepeated() {
        Spam first = classifier.classify("awesome song", null, SpamClassifier.Seen.NOTHING);

        Spam again = classifier.classify("awesome song", null, new SpamClassifier.Seen(0, 0, 40));

        assertThat(again.score()).isEqualTo(first.score());
        assertThat(SpamClassifier.normalisedText("Check   THIS out!!! ")).isEqualTo("check this out");
    }
}
