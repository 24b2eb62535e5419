package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AbuseClassifierTests {

    static final Path GERMEVAL = Path.of("..", "shared", "datasets", "germeval2018", "germeval2018.training.txt");

    private final AbuseClassifier classifier = new AbuseClassifier();

    @Test
    void flagsGermanInsultsAndNamesTheWords() {
        Abuse abuse = classifier.classify("@user Du bist so ein Vollidiot, halt die Fresse", "de");

        assertThat(abuse.flagged()).isTrue();
        assertThat(abuse.reasons()).startsWith("list:vollidiot", "list:fresse");
        assertThat(classifier
                        .classify("Die Regierung hat heute ein neues Gesetz beschlossen.", "de")
                        .flagged())
                .isFalse();
    }

    @Test
    void flagsEnglishInsultsFromTheList() {
        assertThat(classifier.classify("You are an idiot", "en").reasons()).containsExactly("list:idiot");
        assertThat(classifier.classify("Thanks for the quick reply", "en").flagged())
                .isFalse();
    }

    @Test
    void givesEveryInputADefinedResult() {
        assertThat(classifier.classify(null, "unknown").flagged()).isFalse();
        assertThat(classifier.classify("", "de").score()).isBetween(0.0, 1.0);
        assertThat(classifier.classify("Idiot ".repeat(1_000_000), "de").flagged())
                .isTrue();
    }

    @Test
    void scoresTheGermEvalLinesHeldOutOfTraining() {
        AbuseEvaluation.Result result = AbuseEvaluation.evaluate(classifier, GERMEVAL);

        assertThat(result.heldOutOnly()).isTrue();
        assertThat(result.confusion().total()).isEqualTo(1001);
        assertThat(result.confusion().accuracy()).isGreaterThan(0.75);
        assertThat(result.confusion().macroF1()).isGreaterThan(0.70);
    }
}
