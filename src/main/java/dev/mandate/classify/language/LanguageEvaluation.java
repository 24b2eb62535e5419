package dev.mandate.classify.language;

import dev.mandate.shared.InvalidInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures language detection on a labelled file: the GermEval 2018 TSV (all German), the seed threads JSON (each
 * message's {@code expected.language}) or a plain {@code text<TAB>language} TSV; used by
 * {@code classify evaluate --task language}.
 */
public final class LanguageEvaluation {

    /** Texts at least this long are counted apart: the accuracy target is for them. */
    public static final int LONG_TEXT = 30;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> GERMEVAL_COARSE = Set.of("OTHER", "OFFENSE");
    private static final Set<String> GERMEVAL_FINE = Set.of("OTHER", "ABUSE", "INSULT", "PROFANITY");
    private static final Pattern LABEL = Pattern.compile("[a-z]{2}|unknown");

    private LanguageEvaluation() {}

    /** The formats of labelled files. */
    public enum Format {
        /** GermEval 2018: {@code tweet<TAB>coarse label<TAB>fine label}, every tweet German. */
        GERMEVAL,
        /** {@code ../shared/fixtures/seed-threads.json}: posts and comments with {@code expected.language}. */
        SEED_THREADS,
        /** {@code text<TAB>language} per line (ISO 639-1 or {@code unknown}); the text may not hold a tab. */
        TSV;

        /** The format of a file by its name and first line: JSON is the seed threads, three columns GermEval. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return SEED_THREADS;
            }
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                String first = lines.filter(l -> !l.isBlank()).findFirst().orElse("");
                return first.split("\t", -1).length == 3 ? GERMEVAL : TSV;
            } catch (IOException | UncheckedIOException e) {
                throw new InvalidInput("data", "cannot read " + file + ": " + rootMessage(e));
            }
        }
    }

    /**
     * One labelled text.
     *
     * @param line where it stands in the file (for JSON: the thread's and the message's id)
     * @param text the text
     * @param expected its language as labelled
     * @param thread the thread it sits in, {@code null} in TSV files
     * @param post whether it is the thread's post (detected first, its language the context of the comments)
     */
    public record Sample(String line, String text, String expected, String thread, boolean post) {

        Sample(String line, String text, String expected) {
            this(line, text, expected, null, false);
        }
    }

    /** A text detected wrongly. */
    public record Miss(String line, String expected, String detected, double confidence, String text) {}

    /**
     * The outcome of an evaluation.
     *
     * @param file the file evaluated
     * @param format its format
     * @param samples how many texts it holds
     * @param correct how many of them were detected as labelled
     * @param accuracy {@code correct / samples}
     * @param longSamples how many texts have at least {@value #LONG_TEXT} characters
     * @param longCorrect how many of those were detected as labelled
     * @param longAccuracy {@code longCorrect / longSamples}
     * @param expected how many texts each language was expected for
     * @param detected how many texts were detected as each language ({@code unknown} included)
     * @param misses every text detected wrongly, in file order
     * @param millis how long detection took for all texts
     */
    public record Result(
            String file,
            Format format,
            int samples,
            int correct,
            double accuracy,
            int longSamples,
            int longCorrect,
            double longAccuracy,
            Map<String, Integer> expected,
            Map<String, Integer> detected,
            List<Miss> misses,
            long millis) {

        /** The figures for people, with up to {@code maxMisses} misses listed. */
        public String toText(int maxMisses) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "language detection on %s (%s)%n", file, format));
            out.append(
                    String.format(Locale.ROOT, "accuracy            %.4f  (%d of %d)%n", accuracy, correct, samples));
            out.append(String.format(
                    Locale.ROOT,
                    "accuracy >= %d chars %.4f  (%d of %d)%n",
                    LONG_TEXT,
                    longAccuracy,
                    longCorrect,
                    longSamples));
            out.append("expected  ").append(counts(expected)).append(System.lineSeparator());
            out.append("detected  ").append(counts(detected)).append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "time      %d ms%n", millis));
            out.append(String.format(Locale.ROOT, "misses    %d%n", misses.size()));
            misses.stream()
                    .limit(maxMisses)
                    .forEach(m -> out.append(String.format(
                            Locale.ROOT,
                            "  %s: expected %s, detected %s (%.2f): %s%n",
                            m.line(),
                            m.expected(),
                            m.detected(),
                            m.confidence(),
                            m.text())));
            if (misses.size() > maxMisses) {
                out.append(String.format(Locale.ROOT, "  ... and %d more%n", misses.size() - maxMisses));
            }
            return out.toString();
        }

        /** The whole result as JSON, misses included. */
        public String toJson() {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        }

        private static String counts(Map<String, Integer> counts) {
            StringBuilder out = new StringBuilder();
            counts.forEach((code, n) -> out.append(code).append('=').append(n).append(' '));
            return out.toString().strip();
        }
    }

    /** Evaluates the detector on a file, its format told by {@link Format#of(Path)}. */
    public static Result evaluate(LanguageDetection detection, Path file) {
        return evaluate(detection, file, Format.of(file));
    }

    /** Evaluates the detector on a file of the given format; an invalid line is an {@link InvalidInput} naming it. */
    public static Result evaluate(LanguageDetection detection, Path file, Format format) {
        List<Sample> samples = read(file, format);
        if (samples.isEmpty()) {
            throw new InvalidInput("data", file + " holds no labelled texts");
        }
        int correct = 0;
        int longSamples = 0;
        int longCorrect = 0;
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Integer> detected = new TreeMap<>();
        List<Miss> misses = new ArrayList<>();
        Map<String, Language> threads = new HashMap<>();
        long start = System.nanoTime();
        for (Sample sample : samples) {
            // A comment is read in the light of its thread's post, as detected (never as labelled).
            Language context = sample.thread() == null ? null : threads.get(sample.thread());
            Language language = detection.detect(sample.text(), context);
            if (sample.post()) {
                threads.put(sample.thread(), language);
            }
            boolean right = language.code().equals(sample.expected());
            boolean isLong = sample.text().strip().length() >= LONG_TEXT;
            expected.merge(sample.expected(), 1, Integer::sum);
            detected.merge(language.code(), 1, Integer::sum);
            if (right) {
                correct++;
            } else {
                misses.add(new Miss(
                        sample.line(), sample.expected(), language.code(), language.confidence(), shorten(sample)));
            }
            if (isLong) {
                longSamples++;
                longCorrect += right ? 1 : 0;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(
                file.toString(),
                format,
                samples.size(),
                correct,
                (double) correct / samples.size(),
                longSamples,
                longCorrect,
                longSamples == 0 ? Double.NaN : (double) longCorrect / longSamples,
                expected,
                detected,
                List.copyOf(misses),
                millis);
    }

    /** The labelled texts of a file; an invalid line is an {@link InvalidInput} naming it. */
    public static List<Sample> read(Path file, Format format) {
        return switch (format) {
            case SEED_THREADS -> readSeedThreads(file);
            case GERMEVAL, TSV -> readTsv(file, format);
        };
    }

    private static List<Sample> readTsv(Path file, Format format) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInput("data", "cannot read " + file + ": " + rootMessage(e));
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "line " + (i + 1);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (format == Format.GERMEVAL) {
                if (fields.length != 3) {
                    throw invalidLine(
                            file, where, "expected tweet<TAB>coarse<TAB>fine, found " + fields.length + " columns");
                }
                if (!GERMEVAL_COARSE.contains(fields[1]) || !GERMEVAL_FINE.contains(fields[2])) {
                    throw invalidLine(file, where, "unknown labels '" + fields[1] + "', '" + fields[2] + "'");
                }
                samples.add(new Sample(where, fields[0].replace("|LBR|", "\n"), "de"));
            } else {
                if (fields.length != 2) {
                    throw invalidLine(file, where, "expected text<TAB>language, found " + fields.length + " columns");
                }
                String label = fields[1].strip().toLowerCase(Locale.ROOT);
                if (!LABEL.matcher(label).matches()) {
                    throw invalidLine(
                            file, where, "language must be an ISO 639-1 code or unknown, found '" + fields[1] + "'");
                }
                samples.add(new Sample(where, fields[0], label));
            }
        }
        return samples;
    }

    private static List<Sample> readSeedThreads(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new InvalidInput("data", "cannot read " + file + " as JSON: " + rootMessage(e));
        }
        JsonNode threads = root.path("threads");
        if (!threads.isArray()) {
            throw new InvalidInput("data", file + ": expected an object with an array 'threads'");
        }
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            JsonNode thread = threads.get(t);
            String threadId = thread.path("id").asString("threads[" + t + "]");
            JsonNode post = thread.path("post");
            if (post.isObject() && thread.path("language").isString()) {
                samples.add(sample(file, threadId, true, post.path("text"), thread.path("language")));
            }
            JsonNode comments = thread.path("comments");
            for (int c = 0; c < comments.size(); c++) {
                JsonNode comment = comments.get(c);
                String where = threadId + "/" + comment.path("external_id").asString("comments[" + c + "]");
                samples.add(sample(
                        file,
                        where,
                        false,
                        comment.path("text"),
                        comment.path("expected").path("language")));
            }
        }
        return samples;
    }

    private static Sample sample(Path file, String where, boolean post, JsonNode text, JsonNode language) {
        if (!text.isString()) {
            throw invalidLine(file, where, "no text");
        }
        if (!language.isString() || !LABEL.matcher(language.stringValue()).matches()) {
            throw invalidLine(file, where, "expected language must be an ISO 639-1 code or unknown");
        }
        String thread = post ? where : where.substring(0, where.lastIndexOf('/'));
        return new Sample(post ? where + "/post" : where, text.stringValue(), language.stringValue(), thread, post);
    }

    private static InvalidInput invalidLine(Path file, String where, String problem) {
        return new InvalidInput("data", file + ", " + where + ": " + problem);
    }

    private static String shorten(Sample sample) {
        String text = sample.text().replaceAll("\\s+", " ").strip();
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CharacterCodingException) {
            return "not UTF-8";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
