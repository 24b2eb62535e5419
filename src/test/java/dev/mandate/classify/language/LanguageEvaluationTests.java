package dev.mandate.classify.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.InvalidInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LanguageEvaluationTests {

    static final Path GERMEVAL = Path.of("..", "shared", "datasets", "germeval2018", "germeval2018.training.txt");
    static final Path SEED_THREADS = Path.of("..", "shared", "fixtures", "seed-threads.json");

    private static final LanguageDetection DETECTION = LanguageDetectionTests.DETECTION;

    @TempDir
    Path dir;

    @Test
    void detectsTheGermanTweetsOfGermEvalAsGerman() {
        LanguageEvaluation.Result result = LanguageEvaluation.evaluate(DETECTION, GERMEVAL);

        assertThat(result.format()).isEqualTo(LanguageEvaluation.Format.GERMEVAL);
        assertThat(result.samples()).isEqualTo(5009);
        assertThat(result.expected()).containsOnlyKeys("de");
        // The target: at least 99 % for texts of 30 characters or more.
        assertThat(result.longAccuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.detected().getOrDefault("en", 0)).isLessThan(result.samples() / 100);
    }

    @Test
    void detectsEveryMessageOfTheSeedThreadsAsItsLabelSays() {
        LanguageEvaluation.Result result = LanguageEvaluation.evaluate(DETECTION, SEED_THREADS);

        assertThat(result.format()).isEqualTo(LanguageEvaluation.Format.SEED_THREADS);
        assertThat(result.samples()).isEqualTo(9);
        assertThat(result.misses()).isEmpty();
        assertThat(result.expected()).containsEntry("en", 2).containsEntry("de", 7);
        assertThat(result.toText(5)).contains("accuracy            1.0000  (9 of 9)");
    }

    @Test
    void evaluatesAPlainTsvAndListsItsMisses() throws IOException {
        Path file = dir.resolve("labels.tsv");
        Files.writeString(file, """
                Thank you so much for the quick answer, that solved my problem.\ten
                Vielen Dank für die schnelle Antwort, das hat mein Problem gelöst.\tde
                Merci beaucoup pour votre réponse rapide et très aimable.\tde

                👍👍\tunknown
                """);

        LanguageEvaluation.Result result = LanguageEvaluation.evaluate(DETECTION, file);

        assertThat(result.format()).isEqualTo(LanguageEvaluation.Format.TSV);
        assertThat(result.samples()).isEqualTo(4);
        assertThat(result.correct()).isEqualTo(3);
        assertThat(result.longSamples()).isEqualTo(3);
        assertThat(result.misses()).singleElement().satisfies(miss -> {
            assertThat(miss.line()).isEqualTo("line 3");
            assertThat(miss.expected()).isEqualTo("de");
            assertThat(miss.detected()).isNotEqualTo("de");
        });
        assertThat(result.toText(10))
                .contains("accuracy            0.7500  (3 of 4)")
                .contains("line 3: expected de");
        JsonNode json = JsonMapper.builder().build().readTree(result.toJson());
        assertThat(json.get("samples").asInt()).isEqualTo(4);
        assertThat(json.get("detected").get("unknown").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(json.get("misses").get(0).get("line").asString()).isEqualTo("line 3");
    }

    @Test
    void rejectsALineWithoutALabelNamingTheLine() throws IOException {
        Path file = dir.resolve("labels.tsv");
        Files.writeString(file, "Hello there, how are you today?\ten\nNo tab on this line\n");

        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("text<TAB>language");
    }

    @Test
    void rejectsALabelThatIsNoLanguageCode() throws IOException {
        Path file = dir.resolve("labels.tsv");
        Files.writeString(file, "Hello there, how are you today?\tenglish\n");

        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("'english'");
    }

    @Test
    void rejectsAGermEvalLineWithUnknownLabels() throws IOException {
        Path file = dir.resolve("germeval.txt");
        Files.writeString(file, "Ein Tweet\tOTHER\tOTHER\nNoch einer\tSPAM\tOTHER\n");

        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'SPAM'");
    }

    @Test
    void rejectsSeedThreadsWithoutAnExpectedLanguageNamingTheMessage() throws IOException {
        Path file = dir.resolve("threads.json");
        Files.writeString(file, """
                {"threads": [{"id": "t1", "comments": [{"external_id": "c1", "text": "Hallo", "expected": {}}]}]}
                """);

        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("t1/c1");
    }

    @Test
    void rejectsAFileThatIsNotThere() {
        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, dir.resolve("missing.tsv")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("missing.tsv");
    }

    @Test
    void rejectsAFileWithoutLabelledTexts() throws IOException {
        Path file = dir.resolve("empty.tsv");
        Files.writeString(file, "\n\n");

        assertThatThrownBy(() -> LanguageEvaluation.evaluate(DETECTION, file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no labelled texts");
    }
}
