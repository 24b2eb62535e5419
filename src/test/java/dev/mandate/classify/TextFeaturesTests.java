package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFeaturesTests {

    @Test
    void keepsUmlautsInsideLowerCaseWords() {
        assertThat(TextFeatures.words("Grüße aus Zürich, ÄRGER über Straßen!"))
                .containsExactly("grüße", "aus", "zürich", "ärger", "über", "straßen");
    }

    @Test
    void reducesNumbersToTheirLength() {
        assertThat(TextFeatures.words("call 08452810075 now")).containsExactly("call", "#8", "now");
    }

    @Test
    void namesLinksByTheirDomainAndKeepsThemOutOfTheWords() {
        assertThat(TextFeatures.of("check out http://www.MyLeaderGate.com/moretraffic now"))
                .containsKeys("domain:myleadergate.com", "tld:com", "signal:link", "w:check", "b:out now")
                .doesNotContainKey("w:moretraffic");
    }

    @Test
    void readsACommentWithoutItsLinksBackToThePost() {
        String video = "LMFAO - Party Rock Anthem https://www.youtube.com/watch?v=KQ6zr6kCPj8";

        assertThat(TextFeatures.of("best part http://youtu.be/KQ6zr6kCPj8", video))
                .doesNotContainKeys("signal:link", "domain:youtu.be")
                .containsKeys("w:best", "w:part");
    }

    @Test
    void addsUnigramsBigramsAndCharacterNgrams() {
        assertThat(TextFeatures.of("Gute Frage"))
                .containsKeys("w:gute", "w:frage", "b:^ gute", "b:gute frage", "b:frage $", "c: gu", "c:rage")
                .containsEntry("len:tiny", 1f);
    }

    @Test
    void givesEmptyAndEmojiOnlyTextsADefinedFeature() {
        assertThat(TextFeatures.of("")).containsOnlyKeys("signal:empty");
        assertThat(TextFeatures.of(null)).containsOnlyKeys("signal:empty");
        assertThat(TextFeatures.of("😀😀😀")).containsOnlyKeys("len:tiny");
    }

    @Test
    void hashesIntoTheFixedSpaceTheSameWayEveryTime() {
        assertThat(TextFeatures.index("w:subscribe")).isEqualTo(TextFeatures.index("w:subscribe"));
        assertThat(TextFeatures.index("w:subscribe")).isBetween(0, TextFeatures.DIMENSION - 1);
        TextFeatures.Vector vector = TextFeatures.normalised(TextFeatures.of("free free money"));
        double norm = 0;
        for (float value : vector.values()) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void cutsLettersRepeatedMoreThanTwice() {
        assertThat(TextFeatures.words("Sooooo goooood, 1000 views")).containsExactly("soo", "good", "#4", "views");
    }

    @Test
    void marksSelfPromotionAndCallsToAction() {
        assertThat(TextFeatures.of("Hey guys, check out my new channel"))
                .containsKeys("signal:self-promotion", "signal:call-to-action");
        assertThat(TextFeatures.of("please sub to me")).containsKey("signal:call-to-action");
        assertThat(TextFeatures.of("I came here to check the views, my favourite song"))
                .doesNotContainKeys("signal:self-promotion", "signal:call-to-action");
    }

    @Test
    void marksShortenersAndLinksToChannels() {
        assertThat(TextFeatures.of("free gift cards http://bit.ly/abc")).containsKey("signal:shortener");
        assertThat(TextFeatures.of("http://www.youtube.com/user/cheapfollowers"))
                .containsKey("signal:channel-link")
                .doesNotContainKey("signal:shortener");
        assertThat(TextFeatures.of("best part http://www.youtube.com/watch?v=KQ6zr6kCPj8"))
                .doesNotContainKey("signal:channel-link");
    }
}
