package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.classify.Intent.Label;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntentClassifierTests {

    static final Path BANKING77_TEST = Path.of("..", "shared", "datasets", "banking77", "test.csv");
    static final Path SEED_THREADS = Path.of("..", "shared", "fixtures", "seed-threads.json");

    private final IntentClassifier classifier = new IntentClassifier();

    @Test
    void tellsEnglishQuestionsComplaintsAndLeadsApart() {
        assertThat(classifier.classify("Do you ship to Austria?", "en").label()).isEqualTo(Label.QUESTION);
        assertThat(classifier
                        .classify("My order never arrived and nobody answers.", "en")
                        .label())
                .isEqualTo(Label.COMPLAINT);
        assertThat(classifier
                        .classify("We'd like a quote for 50 seats of the premium plan.", "en")
                        .label())
                .isEqualTo(Label.LEAD);
    }

    @Test
    void readsGermanThroughTheCuesItSharesWithEnglish() {
        Intent question = classifier.classify("Wie kann ich meine Adresse ändern?", "de");
        Intent complaint = classifier.classify("Die App funktioniert nicht mehr.", "de");
        Intent lead = classifier.classify("Was kostet ein Angebot für 20 Nutzer?", "de");

        assertThat(question.label()).isEqualTo(Label.QUESTION);
        assertThat(question.reasons()).contains("signal:question-mark");
        assertThat(complaint.label()).isEqualTo(Label.COMPLAINT);
        assertThat(complaint.reasons()).contains("cue:problem", "cue:negation");
        assertThat(lead.label()).isEqualTo(Label.LEAD);
        assertThat(lead.reasons()).containsExactly("cue:purchase");
    }

    @Test
    void findsPraiseAndDiscussionThatNoTrainingDataLabels() {
        assertThat(classifier.classify("Great post, thanks for sharing!", "en").label())
                .isEqualTo(Label.PRAISE);
        assertThat(classifier.classify("Toller Artikel, vielen Dank!", "de").label())
                .isEqualTo(Label.PRAISE);
        assertThat(classifier
                        .classify("I think outsourcing works only when the brief is clear.", "en")
                        .label())
                .isEqualTo(Label.DISCUSSION);
        String argument = "Ich stimme mit Dir in Teilen überein. Richtig ist, dass ein Outsourcing nur dann "
                + "funktioniert, wenn klar ist, was Social Media für ein Unternehmen bedeutet. Agenturen können "
                + "Zugang zu mehr Ressourcen bieten, sei es Personal oder Werkzeuge, und so lassen sich Kosten sparen. "
                + "Wer das Pflichtenheft nicht ordentlich definiert, zahlt hinterher die Zeche.";
        assertThat(classifier.classify(argument, "de").label()).isEqualTo(Label.DISCUSSION);
        assertThat(classifier
                        .classify(argument + " Oder wie würdest Du das lösen?", "de")
                        .label())
                .isEqualTo(Label.QUESTION);
    }

    @Test
    void givesEveryInputADefinedResult() {
        assertThat(classifier.classify(null, "unknown"))
                .isEqualTo(new Intent(Label.OTHER, 1, java.util.List.of("signal:no-words")));
        assertThat(classifier.classify("🙂🙂", "unknown").label()).isEqualTo(Label.OTHER);
        assertThat(classifier
                        .classify("Pingback: Man kann Social Media outsourcen", "de")
                        .reasons())
                .containsExactly("signal:pingback");
        assertThat(classifier.classify("Nice weather today.", "en").label()).isEqualTo(Label.OTHER);
        Intent huge = classifier.classify("Why is my card declined? ".repeat(200_000), "en");
        assertThat(huge.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void scoresBanking77sTestSetMappedOntoOurIntents() {
        IntentEvaluation.Result result = IntentEvaluation.evaluate(classifier, BANKING77_TEST, "en");

        assertThat(result.confusion().total()).isEqualTo(2400);
        assertThat(result.dropped()).isEqualTo(680);
        assertThat(result.confusion().accuracy()).isGreaterThan(0.90);
        assertThat(result.confusion().f1(Label.LEAD.ordinal())).isGreaterThan(0.80);
    }

    @Test
    void labelsMostSeedCommentsAsTheirHandLabelsSay() {
        IntentEvaluation.Result result = IntentEvaluation.evaluate(classifier, SEED_THREADS, null);

        // six comments (the spam comment is the spam model's); the praise that reads as an argument and the
        // discussion that closes on a rhetorical question are missed
        assertThat(result.confusion().total()).isEqualTo(6);
        assertThat(result.confusion().accuracy()).isGreaterThanOrEqualTo(4 / 6.0);
    }
}
