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
    void judgesALongCommentByHowItCloses() {
        String argument = "Remote teams need more than a chat tool. The teams that work well write things down, agree "
                + "on when to answer and keep meetings for decisions. Those that only moved their office habits "
                + "online spend the day in calls, and the people in other time zones are still left out of every decision.";

        // the argument holds a problem word ("still"): the praise is in how it closes
        Intent praise = classifier.classify(
                argument + "\n\nGreat article, really well put together, thanks!\n\nBest regards,\nSam Porter", "en");
        assertThat(praise.label()).isEqualTo(Label.PRAISE);
        assertThat(praise.reasons()).contains("signal:closing-praise");
        assertThat(classifier
                        .classify(argument + "\n\nGreat article, thanks, but the survey figures are wrong.", "en")
                        .label())
                .isNotEqualTo(Label.PRAISE);
        assertThat(classifier
                        .classify("Thanks for the great article!\n\n" + argument, "en")
                        .label())
                .isEqualTo(Label.DISCUSSION);
        assertThat(classifier.classify(argument + " You agree, right?", "en").label())
                .isEqualTo(Label.DISCUSSION);
        assertThat(classifier
                        .classify(argument + " How would you handle a small shop with five staff?\n\nCheers, Sam", "en")
                        .label())
                .isEqualTo(Label.QUESTION);
        assertThat(classifier
                        .classify(argument + " And do your teams keep a decision log? 🙂", "en")
                        .label())
                .isEqualTo(Label.QUESTION);
    }

    @Test
    void judgesALongGermanCommentByHowItCloses() {
        String argument = "Homeoffice verlangt mehr als ein Chatprogramm. Teams, die gut zusammenarbeiten, halten "
                + "Entscheidungen schriftlich fest, vereinbaren Antwortzeiten und treffen sich nur, wenn etwas zu "
                + "entscheiden ist. Wer dagegen nur die Gewohnheiten aus dem Büro ins Netz verlegt, sitzt den ganzen "
                + "Tag in Videokonferenzen, und die Kollegen in anderen Zeitzonen bleiben draussen.";

        Intent praise = classifier.classify(
                argument + "\n\nDanke für den Beitrag, er bringt die Sache gut auf den Punkt.\n\n"
                        + "Habe ihn gleich weitergeleitet 😀\n\nViele Grüße\nAnna",
                "de");
        assertThat(praise.label()).isEqualTo(Label.PRAISE);
        assertThat(praise.reasons()).contains("signal:closing-praise");
        assertThat(classifier
                        .classify(argument + "\n\nDas ist doch am Ende die einzige Lösung, oder?\n\nLG Anna", "de")
                        .label())
                .isEqualTo(Label.DISCUSSION);
        assertThat(classifier
                        .classify(argument + " Aber siehst du das bei kleinen Firmen anders?\n\nGruss Anna", "de")
                        .label())
                .isEqualTo(Label.QUESTION);
        assertThat(classifier
                        .classify(argument + " Und wie macht ihr das mit den Zeitzonen?", "de")
                        .label())
                .isEqualTo(Label.QUESTION);
    }

    @Test
    void labelsEverySeedCommentAsItsHandLabelSays() {
        IntentEvaluation.Result result = IntentEvaluation.evaluate(classifier, SEED_THREADS, null);

        // six comments (the spam comment is the spam model's)
        assertThat(result.confusion().total()).isEqualTo(6);
        assertThat(result.confusion().accuracy()).isEqualTo(1.0);
    }

    @Test
    void countsNoPraiseThatIsNegated() {
        assertThat(IntentClassifier.praise("Der Artikel ist sehr schön und bringt es auf den Punkt."))
                .isEqualTo(2);
        assertThat(IntentClassifier.praise("Der Artikel ist nicht sehr schön und bringt es nicht auf den Punkt."))
                .isZero();
        assertThat(IntentClassifier.praise("Not well put, and not great either."))
                .isZero();
    }
}
