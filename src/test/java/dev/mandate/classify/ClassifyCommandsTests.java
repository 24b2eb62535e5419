package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.MandateCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandsTests {

    static final String VIDEOS = "../shared/datasets/youtube-spam-collection/";

    @TempDir
    Path folder;

    @Test
    void evaluatesOnAnUnseenVideoBesideNaiveBayes() {
        MandateCommands.Outcome outcome = MandateCommands.run(
                "classify",
                "evaluate",
                "--task",
                "spam",
                "--data",
                VIDEOS + "Youtube03-LMFAO.csv",
                "--train",
                VIDEOS + "Youtube01-Psy.csv," + VIDEOS + "Youtube02-KatyPerry.csv,"
                        + "../shared/datasets/sms-spam-collection/SMSSpamCollection");

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out())
                .contains("spam on Youtube03-LMFAO.csv (438 messages), model trained on 6274 others")
                .contains(
                        "logistic regression at score 0.5: precision 0.9950  recall 0.8432  F1 0.9128  accuracy 0.9132  "
                                + "false-positive rate 0.0050")
                .contains("  actual spam               199             37")
                .contains("with history signals (own verdicts) at 0.5: precision 0.9950  recall 0.8475  F1 0.9153")
                .contains(
                        "with the workspace's own learning (moderator corrects mistakes only) at 0.5, 21 corrections: "
                                + "precision 0.9654  recall 0.9449  F1 0.9550  accuracy 0.9521  false-positive rate 0.0396")
                .contains("after the first 50 comments (2 corrections made on them): precision 0.9600")
                .contains("naive Bayes baseline: precision 0.9672  recall 0.7500  F1 0.8449")
                .contains(
                        "ceiling of the logistic regression's ranking: best F1 with a false-positive rate of at most 1 %");

        MandateCommands.Outcome json = MandateCommands.run(
                "classify",
                "evaluate",
                "--task",
                "spam",
                "--data",
                VIDEOS + "Youtube03-LMFAO.csv",
                "--train",
                VIDEOS + "Youtube01-Psy.csv," + VIDEOS + "Youtube02-KatyPerry.csv,"
                        + "../shared/datasets/sms-spam-collection/SMSSpamCollection",
                "--json");
        assertThat(json.out())
                .contains("\"withOwnLearning\":{\"result\":{\"precision\":0.9654,")
                .contains("\"ceilingAtOnePercent\":{\"precision\":")
                .contains("\"corrections\":21,\"warmUp\":50,\"warmUpCorrections\":2,\"afterWarmUp\":{");
    }

    @Test
    void printsJsonAndNamesAnInvalidLine() throws IOException {
        Path good = folder.resolve("sms.tsv");
        Files.writeString(good, "spam\tWIN a FREE prize!!! call 09061701461 now\nham\tsee you at lunch tomorrow?\n");
        MandateCommands.Outcome json =
                MandateCommands.run("classify", "evaluate", "--task=spam", "--data=" + good, "--json");

        assertThat(json.status()).isZero();
        assertThat(json.out().strip())
                .startsWith("{\"task\":\"spam\",\"data\":\"sms.tsv\",\"messages\":2,\"model\":\"bundled\",\"result\":{")
                .contains("\"confusion\":{\"truePositives\":1,\"falsePositives\":0,\"trueNegatives\":1,"
                        + "\"falseNegatives\":0}");

        Path bad = folder.resolve("bad.tsv");
        Files.writeString(bad, "ham\tfine\nspma\ttypo in the label\n");
        MandateCommands.Outcome invalid =
                MandateCommands.run("classify", "evaluate", "--task", "spam", "--data", bad.toString());

        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out()).contains("Invalid data: bad.tsv line 2: label \"spma\" is neither ham nor spam");
    }

    @Test
    void evaluatesSpamOnTheSeedThreadsWithEachCommentsPostAndNamesABadComment() throws IOException {
        MandateCommands.Outcome seed = MandateCommands.run(
                "classify", "evaluate", "--task", "spam", "--data", "../shared/fixtures/seed-threads.json");

        assertThat(seed.status()).as(seed.out()).isZero();
        assertThat(seed.out())
                .contains("on seed-threads.json, 5 messages")
                .contains("precision 1.0000  recall 1.0000  F1 1.0000  accuracy 1.0000  false-positive rate 0.0000")
                .containsPattern("ghdhair +labelled spam +scored 0\\.[5-9]\\d\\d spam +right \\[signal:off-topic")
                .doesNotContain("WRONG");

        Path bad = folder.resolve("threads.json");
        Files.writeString(bad, """
                {"threads": [{"id": "t", "post": {"text": "A post"}, "comments": [
                  {"external_id": "c1", "text": "Nice", "expected": {"spam": false}},
                  {"external_id": "c2", "text": "Buy now", "expected": {"spam": "yes"}}]}]}
                """);
        MandateCommands.Outcome invalid =
                MandateCommands.run("classify", "evaluate", "--task", "spam", "--data", bad.toString());
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out()).contains("threads.json comment 2: expected.spam of \"c2\" is not true or false");
    }

    @Test
    void evaluatesLanguageOnTheSeedThreadsAndNamesABadLine() throws IOException {
        MandateCommands.Outcome seed = MandateCommands.run(
                "classify", "evaluate", "--task", "language", "--data", "../shared/fixtures/seed-threads.json");
        assertThat(seed.status()).as(seed.out()).isZero();
        assertThat(seed.out()).contains("accuracy            1.0000  (9 of 9)").contains("misses    0");

        Path bad = folder.resolve("languages.tsv");
        Files.writeString(bad, "Guten Morgen, wann öffnet ihr heute?\tde\nno language here\n");
        MandateCommands.Outcome invalid =
                MandateCommands.run("classify", "evaluate", "--task", "language", "--data", bad.toString());
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out()).contains("line 2");
    }

    @Test
    void refusesBadArgumentsWithStatusTwo() {
        assertThat(MandateCommands.run("classify", "evaluate", "--task", "spam").status())
                .isEqualTo(2);
        MandateCommands.Outcome unknown =
                MandateCommands.run("classify", "evaluate", "--task", "spam", "--data", "x.csv", "--colour", "red");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).contains("Unknown option: --colour").contains("Usage: classify evaluate");
        MandateCommands.Outcome intent =
                MandateCommands.run("classify", "evaluate", "--task", "intent", "--data", "x.csv");
        assertThat(intent.status()).isEqualTo(2);
        assertThat(intent.out()).contains("No data file x.csv");
        MandateCommands.Outcome mood = MandateCommands.run("classify", "evaluate", "--task", "mood", "--data", "x.csv");
        assertThat(mood.status()).isEqualTo(2);
        assertThat(mood.out()).contains("Unknown task mood; tasks: spam, language, intent, sentiment, abuse");
        assertThat(MandateCommands.run("classify", "evaluate", "--task", "spam", "--data", "missing.csv")
                        .out())
                .contains("No data file missing.csv");
    }

    @Test
    void trainsTheSpamModelThatIsBundled() throws IOException {
        Path output = folder.resolve("spam-model.bin.gz");

        MandateCommands.Outcome outcome = MandateCommands.run(
                "classify",
                "train",
                "--task",
                "spam",
                "--data-dir",
                "../shared/datasets",
                "--output",
                output.toString());

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).contains("Trained the spam model on 6712 messages");
        try (var bundled = getClass().getClassLoader().getResourceAsStream(SpamModel.RESOURCE)) {
            assertThat(Files.readAllBytes(output)).isEqualTo(bundled.readAllBytes());
        }
    }

    @Test
    void evaluatesIntentOnBanking77MappedOntoOurIntents() {
        MandateCommands.Outcome outcome = MandateCommands.run(
                "classify", "evaluate", "--task", "intent", "--data", "../shared/datasets/banking77/test.csv");

        assertThat(outcome.status()).as(outcome.out()).isZero();
        assertThat(outcome.out())
                .contains("intent, bundled model, on test.csv (680 rows whose intent maps onto none of ours left out)")
                .containsPattern("accuracy 0\\.9\\d{3}  macro-F1 0\\.\\d{4}  \\(2400 messages\\)")
                .contains("  actual \\ predicted");
    }

    @Test
    void evaluatesIntentOnTheSeedThreadsAsJsonAndNamesAnInvalidLabel() throws IOException {
        MandateCommands.Outcome json = MandateCommands.run(
                "classify", "evaluate", "--task", "intent", "--data", "../shared/fixtures/seed-threads.json", "--json");
        assertThat(json.status()).as(json.out()).isZero();
        assertThat(json.out().strip())
                .startsWith("{\"task\":\"intent\",\"data\":\"seed-threads.json\",\"model\":\"bundled\",\"result\":{")
                .contains("\"messages\":6")
                .contains("\"OTHER\":{\"precision\":1.0000,\"recall\":1.0000");

        Path bad = folder.resolve("intents.tsv");
        Files.writeString(bad, "Do you ship to Austria?\tquestion\nWhat a mess\tcomplain\n");
        MandateCommands.Outcome invalid =
                MandateCommands.run("classify", "evaluate", "--task", "intent", "--data", bad.toString());
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out()).contains("Invalid data: intents.tsv line 2: label \"complain\" is none of");
    }

    @Test
    void evaluatesAbuseOnTheGermEvalLinesHeldOutOfTraining() throws IOException {
        MandateCommands.Outcome outcome = MandateCommands.run(
                "classify",
                "evaluate",
                "--task",
                "abuse",
                "--data",
                "../shared/datasets/germeval2018/germeval2018.training.txt");

        assertThat(outcome.status()).as(outcome.out()).isZero();
        assertThat(outcome.out())
                .contains("abuse, bundled model, on germeval2018.training.txt (only the 1 in 5 lines held out of"
                        + " training)")
                .contains("(1001 messages)");

        Path bad = folder.resolve("tweets.tsv");
        Files.writeString(bad, "Schönen Tag euch\tOTHER\tOTHER\nDu Depp\tOFFENSIVE\tINSULT\n");
        MandateCommands.Outcome invalid =
                MandateCommands.run("classify", "evaluate", "--task", "abuse", "--data", bad.toString());
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out())
                .contains("Invalid data: tweets.tsv line 2: label \"OFFENSIVE\" is neither OFFENSE nor OTHER");
    }

    @Test
    void evaluatesSentimentOnTheHandLabelledSample() {
        MandateCommands.Outcome outcome = MandateCommands.run(
                "classify",
                "evaluate",
                "--task",
                "sentiment",
                "--data",
                SentimentClassifierTests.HAND_LABELLED.toString());

        assertThat(outcome.status()).as(outcome.out()).isZero();
        assertThat(outcome.out())
                .contains("sentiment, bundled model, on sentiment-hand-labelled.tsv")
                .contains("(64 messages)");
    }

    @Test
    void trainsTheIntentAndAbuseModelsThatAreBundled() throws IOException {
        for (String task : new String[] {"intent", "abuse"}) {
            Path output = folder.resolve(task + "-model.bin.gz");

            MandateCommands.Outcome outcome = MandateCommands.run(
                    "classify",
                    "train",
                    "--task",
                    task,
                    "--data-dir",
                    "../shared/datasets",
                    "--output",
                    output.toString());

            assertThat(outcome.status()).as(outcome.out()).isZero();
            assertThat(outcome.out()).contains("Trained the " + task + " model");
            try (var bundled = getClass().getClassLoader().getResourceAsStream("classify/" + task + "-model.bin.gz")) {
                assertThat(Files.readAllBytes(output)).as(task).isEqualTo(bundled.readAllBytes());
            }
        }
    }
}
