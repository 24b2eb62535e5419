package dev.mandate.classify;

import dev.mandate.classify.Sentiment.Polarity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the sentiment classifier on {@code text<TAB>negative|neutral|positive} lines, or, for lack of sentiment
 * labels, on the seed threads with their intents as a proxy (complaint negative, praise positive; the rest left out).
 */
final class SentimentEvaluation {

    static final List<String> LABELS =
            Arrays.stream(Polarity.values()).map(Polarity::name).toList();

    /** What came out: the file, whether intents stood in for sentiment labels, the matrix. */
    record Result(String data, boolean proxy, LabelConfusion confusion) {}

    private SentimentEvaluation() {}

    static Result evaluate(SentimentClassifier classifier, Path file) {
        LabelConfusion confusion = LabelConfusion.empty(LABELS);
        boolean proxy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (proxy) {
            for (IntentCorpus.Example example : IntentCorpus.read(file).examples()) {
                Polarity expected = switch (example.label()) {
                    case COMPLAINT -> Polarity.NEGATIVE;
                    case PRAISE -> Polarity.POSITIVE;
                    default -> null;
                };
                if (expected != null) {
                    confusion.add(
                            expected.name(),
                            classifier.classify(example.text(), null).polarity().name());
                }
            }
            return new Result(file.getFileName().toString(), true, confusion);
        }
        String[] lines = content(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 2 || fields.length > 3) {
                throw new SpamCorpus.InvalidLine(file, i + 1, "expected text<TAB>polarity[<TAB>language]");
            }
            String label = fields[1].trim().toUpperCase(Locale.ROOT);
            if (!LABELS.contains(label)) {
                throw new SpamCorpus.InvalidLine(
                        file,
                        i + 1,
                        "label \"" + (label.length() > 40 ? label.substring(0, 40) + "…" : fields[1].trim())
                                + "\" is none of negative, neutral, positive");
            }
            String language = fields.length == 3 ? fields[2].trim() : null;
            confusion.add(
                    label, classifier.classify(fields[0], language).polarity().name());
        }
        return new Result(file.getFileName().toString(), false, confusion);
    }

    private static String content(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
