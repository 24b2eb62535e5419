package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.classify.Sentiment.Polarity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SentimentClassifierTests {

    static final Path HAND_LABELLED = Path.of("src", "test", "resources", "classify", "sentiment-hand-labelled.tsv");

    private final SentimentClassifier classifier = new SentimentClassifier();

    @Test
    void readsPolarityWordsInEnglishAndGerman() {
        Sentiment praise = classifier.classify("Great article, I really enjoyed reading it.", "en");
        Sentiment complaint = classifier.classify("Der Kundenservice ist eine Katastrophe.", "de");

        assertThat(praise.polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(praise.reasons()).contains("great", "enjoyed");
        assertThat(complaint.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(complaint.reasons()).containsExactly("katastrophe");
        assertThat(classifier
                        .classify("Wann habt ihr am Samstag geöffnet?", "de")
                        .polarity())
                .isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void turnsNegatedWordsRoundBeforeAndAfterThem() {
        Sentiment before = classifier.classify("The update is not good.", "en");
        Sentiment after = classifier.classify("Die App funktioniert nicht.", "de");

        assertThat(before.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(before.reasons()).containsExactly("not:good");
        assertThat(after.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(after.reasons()).containsExactly("not:funktioniert");
        // a negation reaches no further than its clause
        assertThat(classifier
                        .classify("Terrible service, nobody answers the phone.", "en")
                        .polarity())
                .isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void weighsIntensifiersAndWhatFollowsBut() {
        double plain = classifier.classify("The staff were friendly.", "en").score();
        double intensified =
                classifier.classify("The staff were very friendly.", "en").score();
        assertThat(intensified).isGreaterThan(plain);
        assertThat(classifier
                        .classify("The product is fine but the delivery was terrible.", "en")
                        .polarity())
                .isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void readsGermanAdjectiveEndings() {
        assertThat(classifier
                        .classify("Schnelle Lieferung und freundlicher Kontakt.", "de")
                        .reasons())
                .containsExactlyInAnyOrder("schnelle", "freundlicher");
    }

    @Test
    void givesEveryInputADefinedResult() {
        assertThat(classifier.classify(null, "unknown").polarity()).isEqualTo(Polarity.NEUTRAL);
        assertThat(classifier.classify("🙂", "unknown").score()).isBetween(-1.0, 1.0);
        assertThat(classifier.classify("good ".repeat(1_000_000), "en").score()).isBetween(-1.0, 1.0);
    }

    @Test
    void agreesWithTheHandLabelledSampleAtLeastNineTimesInTen() {
        SentimentEvaluation.Result result = SentimentEvaluation.evaluate(classifier, HAND_LABELLED);

        assertThat(result.confusion().total()).isEqualTo(64);
        assertThat(result.confusion().accuracy()).isGreaterThanOrEqualTo(0.9);
    }
}
