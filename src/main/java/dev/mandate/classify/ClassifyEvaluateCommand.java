package dev.mandate.classify;

import dev.mandate.classify.language.LanguageDetection;
import dev.mandate.classify.language.LanguageEvaluation;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.OperatorCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar mandate.jar classify evaluate --task spam|language --data FILE [--train FILE,…] [--json]}: prints
 * precision, recall, F1, accuracy, false-positive rate and the confusion matrix of a classifier on a labelled
 * file; {@code --data-dir DIR} instead runs every honest split of the shared data sets.
 */
@Component
class ClassifyEvaluateCommand implements OperatorCommand {

    private static final String USAGE =
            "Usage: classify evaluate --task spam --data FILE [--train FILE,FILE...] [--json]   (YouTube CSV, SMS TSV,"
                    + " or seed threads JSON)\n"
                    + "       classify evaluate --task spam --data-dir DIR [--json]   (every video held out in turn, and SMS)\n"
                    + "       classify evaluate --task language --data FILE [--json]   (GermEval TSV, seed threads JSON,"
                    + " or text<TAB>lang)\n"
                    + "       classify evaluate --task intent --data FILE [--json]   (BANKING77 CSV, seed threads JSON,"
                    + " or text<TAB>label)\n"
                    + "       classify evaluate --task sentiment --data FILE [--json]   (text<TAB>polarity[<TAB>lang],"
                    + " or seed threads JSON as a proxy)\n"
                    + "       classify evaluate --task abuse --data FILE [--json]   (GermEval 2018 TSV)";

    /** Files of at most this many messages get a line per message. */
    static final int LISTED = 50;

    private final SpamClassifier spam;
    private final LanguageDetection languages;
    private final IntentClassifier intents;
    private final SentimentClassifier sentiments;
    private final AbuseClassifier abuse;

    ClassifyEvaluateCommand(
            SpamClassifier spam,
            LanguageDetection languages,
            IntentClassifier intents,
            SentimentClassifier sentiments,
            AbuseClassifier abuse) {
        this.spam = spam;
        this.languages = languages;
        this.intents = intents;
        this.sentiments = sentiments;
        this.abuse = abuse;
    }

    @Override
    public String name() {
        return "classify evaluate";
    }

    @Override
    public String description() {
        return "--task spam|language|intent|sentiment|abuse --data FILE [--train FILE,...] [--json]: precision, "
                + "recall, F1, accuracy and confusion matrix (false-positive rate for spam, misses for language) on a "
                + "labelled file";
    }

    @Override
    public boolean readsOptions() {
        return true;
    }

    @Override
    public int run(String[] arguments, PrintStream out) {
        CommandOptions options;
        try {
            options = CommandOptions.parse(arguments, Set.of("task", "data", "data-dir", "train"), Set.of("json"));
        } catch (CommandOptions.Invalid e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        String task = options.get("task");
        if (task == null || options.has("data") == options.has("data-dir")) {
            out.println(USAGE);
            return 2;
        }
        // each task evaluates its own way; language and intent are added beside spam
        return switch (task) {
            case "spam" -> spam(options, out);
            case "language" -> language(options, out);
            case "intent", "sentiment", "abuse" -> labels(task, options, out);
            default -> {
                out.println("Unknown task " + task + "; tasks: spam, language, intent, sentiment, abuse");
                yield 2;
            }
        };
    }

    private int language(CommandOptions options, PrintStream out) {
        if (!options.has("data")) {
            out.println(USAGE);
            return 2;
        }
        Path data = Path.of(options.get("data"));
        if (!Files.isRegularFile(data)) {
            out.println("No data file " + data);
            return 2;
        }
        try {
            LanguageEvaluation.Result result = LanguageEvaluation.evaluate(languages, data);
            out.println(options.has("json") ? result.toJson() : result.toText(20));
            return 0;
        } catch (InvalidInput e) {
            out.println(e.getMessage());
            return 1;
        }
    }

    private int labels(String task, CommandOptions options, PrintStream out) {
        if (!options.has("data") || options.has("train")) {
            out.println(USAGE);
            return 2;
        }
        Path data = Path.of(options.get("data"));
        if (!Files.isRegularFile(data)) {
            out.println("No data file " + data);
            return 2;
        }
        String name = data.getFileName().toString();
        String about;
        LabelConfusion confusion;
        try {
            switch (task) {
                case "intent" -> {
                    IntentEvaluation.Result result = IntentEvaluation.evaluate(intents, data, null);
                    confusion = result.confusion();
                    about = result.dropped() > 0
                            ? result.dropped() + " rows whose intent maps onto none of ours left out"
                            : "";
                }
                case "sentiment" -> {
                    SentimentEvaluation.Result result = SentimentEvaluation.evaluate(sentiments, data);
                    confusion = result.confusion();
                    about = result.proxy() ? "intents as a proxy: complaint negative, praise positive" : "";
                }
                default -> {
                    AbuseEvaluation.Result result = AbuseEvaluation.evaluate(abuse, data);
                    confusion = result.confusion();
                    about = result.heldOutOnly()
                            ? "only the 1 in " + AbuseModel.HOLD_OUT + " lines held out of training"
                            : "";
                }
            }
        } catch (SpamCorpus.InvalidLine e) {
            out.println("Invalid data: " + e.getMessage());
            return 1;
        } catch (InvalidInput e) {
            out.println("Invalid data: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("Evaluation failed: " + e.getMessage());
            return 1;
        }
        if (options.has("json")) {
            out.println("{\"task\":\"" + task + "\",\"data\":\"" + escape(name) + "\",\"model\":\"bundled\""
                    + (about.isEmpty() ? "" : ",\"note\":\"" + escape(about) + "\"") + ",\"result\":"
                    + confusion.json() + "}");
        } else {
            out.printf("%s, bundled model, on %s%s%n", task, name, about.isEmpty() ? "" : " (" + about + ")");
            out.print(confusion.text());
        }
        return 0;
    }

    private int spam(CommandOptions options, PrintStream out) {
        boolean json = options.has("json");
        try {
            if (options.has("data-dir")) {
                Path dataDir = Path.of(options.get("data-dir"));
                if (options.has("train") || !Files.isDirectory(dataDir)) {
                    out.println(
                            options.has("train")
                                    ? "--data-dir and --train exclude each other"
                                    : "No data folder " + dataDir);
                    return 2;
                }
                List<SpamEvaluation.Result> results = SpamEvaluation.rotations(dataDir, SpamModel.DEFAULT_THRESHOLD);
                List<SpamEvaluation.Result> videos = results.stream()
                        .filter(r -> !Double.isNaN(r.chosenThreshold()))
                        .toList();
                double defaultThreshold = SpamEvaluation.chooseThreshold(
                        SpamEvaluation.youtubeFiles(dataDir).stream()
                                .map(SpamCorpus::read)
                                .toList(),
                        SpamCorpus.read(SpamEvaluation.smsFile(dataDir)));
                if (json) {
                    List<String> objects = new ArrayList<>();
                    for (SpamEvaluation.Result result : results) {
                        objects.add(resultJson(result));
                    }
                    out.printf(
                            Locale.ROOT,
                            "{\"task\":\"spam\",\"splits\":[%s],\"meanOverVideos\":%s,"
                                    + "\"defaultModelChosenThreshold\":%.4f}%n",
                            String.join(",", objects),
                            meansJson(videos),
                            defaultThreshold);
                } else {
                    for (SpamEvaluation.Result result : results) {
                        printText(out, result);
                    }
                    printMeans(out, videos);
                    out.printf(
                            Locale.ROOT,
                            "threshold chosen the same way for the default model (on all videos): %.4f%n",
                            defaultThreshold);
                }
                return 0;
            }
            Path data = Path.of(options.get("data"));
            if (!Files.isRegularFile(data)) {
                out.println("No data file " + data);
                return 2;
            }
            List<LabelledText> test = SpamCorpus.read(data);
            if (options.has("train")) {
                List<Path> trainFiles = Arrays.stream(options.get("train").split(","))
                        .map(Path::of)
                        .toList();
                for (Path file : trainFiles) {
                    if (!Files.isRegularFile(file)) {
                        out.println("No training file " + file);
                        return 2;
                    }
                }
                List<LabelledText> comments = new ArrayList<>();
                List<LabelledText> sms = new ArrayList<>();
                for (Path file : trainFiles) {
                    (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? comments : sms)
                            .addAll(SpamCorpus.read(file));
                }
                SpamEvaluation.Result result = SpamEvaluation.evaluate(
                        data.getFileName().toString(),
                        SpamEvaluation.TrainingSet.of(comments, sms),
                        test,
                        SpamModel.DEFAULT_THRESHOLD);
                if (json) {
                    out.println(resultJson(result));
                } else {
                    printText(out, result);
                }
                return 0;
            }
            // the classifier as ingest runs it: the bundled model, and the signals read off what a message answers
            boolean[] actual = new boolean[test.size()];
            boolean[] predicted = new boolean[test.size()];
            List<Spam> verdicts = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                Spam verdict =
                        spam.classifyAnswering(test.get(i).text(), test.get(i).context(), SpamClassifier.Seen.NOTHING);
                verdicts.add(verdict);
                actual[i] = test.get(i).spam();
                predicted[i] = verdict.spam();
            }
            Confusion confusion = Confusion.of(actual, predicted);
            if (json) {
                out.println(resultJson(data.getFileName().toString(), confusion, null, -1));
            } else {
                out.printf(
                        "spam, bundled default model with the signals (trained on ../shared/datasets: not unseen data"
                                + " for those files) on %s, %d messages%n",
                        data.getFileName(), test.size());
                out.print(confusion.text());
                for (int i = 0; test.size() <= LISTED && i < test.size(); i++) {
                    LabelledText example = test.get(i);
                    out.printf(
                            Locale.ROOT,
                            "  %-2d %-20s labelled %-8s scored %.3f %-8s %s %s%n",
                            example.line(),
                            example.author() == null ? "" : SpamCorpus.shorten(example.author(), 19),
                            example.spam() ? "spam" : "not spam",
                            verdicts.get(i).score(),
                            verdicts.get(i).spam() ? "spam" : "not spam",
                            actual[i] == predicted[i] ? "right" : "WRONG",
                            verdicts.get(i)
                                    .reasons()
                                    .subList(
                                            0,
                                            Math.min(
                                                    3, verdicts.get(i).reasons().size())));
                }
            }
            return 0;
        } catch (SpamCorpus.InvalidLine e) {
            out.println("Invalid data: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("Evaluation failed: " + e.getMessage());
            return 1;
        }
    }

    private static void printText(PrintStream out, SpamEvaluation.Result result) {
        out.printf(
                "spam on %s (%d messages), model trained on %d others%n",
                result.name(), result.model().total(), result.trained());
        out.print("  logistic regression at score 0.5: " + result.model().text());
        if (result.atChosenThreshold() != null) {
            out.printf(
                    Locale.ROOT,
                    "  logistic regression at %.4f (chosen on the training videos): %s",
                    result.chosenThreshold(),
                    result.atChosenThreshold().text());
        }
        out.print("  with history signals (own verdicts) at 0.5: "
                + result.withSignals().text());
        out.print("  with history signals (moderator's labels) at 0.5: "
                + result.withSignalsModerated().text());
        if (result.withSignalsAtChosenThreshold() != null) {
            out.print("  with history signals (own verdicts) at the chosen threshold: "
                    + result.withSignalsAtChosenThreshold().text());
        }
        printModerated(out, "0.5", result.moderated());
        if (result.moderatedAtChosenThreshold() != null) {
            printModerated(out, "the chosen threshold", result.moderatedAtChosenThreshold());
        }
        out.print("  naive Bayes baseline: " + result.baseline().text());
        out.print("  ceiling of the logistic regression's ranking: best F1 with a false-positive rate of at most 1 %,"
                + " threshold taken on this test set itself (an oracle, not a result): "
                + result.ceiling().text());
    }

    private static void printModerated(PrintStream out, String threshold, SpamEvaluation.Moderation moderation) {
        out.printf(
                "  with the workspace's own learning (moderator corrects mistakes only) at %s, %d corrections: %s",
                threshold, moderation.corrections(), moderation.confusion().text());
        out.printf(
                "    after the first %d comments (%d corrections made on them): %s",
                SpamEvaluation.WARM_UP,
                moderation.warmUpCorrections(),
                moderation.afterWarmUp().text());
    }

    private static void printMeans(PrintStream out, List<SpamEvaluation.Result> videos) {
        if (videos.isEmpty()) {
            return;
        }
        out.printf("mean over the %d unseen videos (F1, false-positive rate):%n", videos.size());
        for (Mean mean : means(videos)) {
            out.printf(Locale.ROOT, "  %-44s %.4f  %.4f%n", mean.name(), mean.f1(), mean.falsePositiveRate());
        }
    }

    private record Mean(String name, double f1, double falsePositiveRate) {}

    private static List<Mean> means(List<SpamEvaluation.Result> videos) {
        List<java.util.function.Function<SpamEvaluation.Result, Confusion>> rows = List.of(
                SpamEvaluation.Result::model,
                SpamEvaluation.Result::atChosenThreshold,
                SpamEvaluation.Result::withSignals,
                SpamEvaluation.Result::withSignalsModerated,
                SpamEvaluation.Result::withSignalsAtChosenThreshold,
                r -> r.moderated().confusion(),
                r -> r.moderatedAtChosenThreshold().confusion(),
                r -> r.moderated().afterWarmUp(),
                r -> r.moderatedAtChosenThreshold().afterWarmUp(),
                SpamEvaluation.Result::baseline,
                SpamEvaluation.Result::ceiling);
        List<String> names = List.of(
                "logisticRegression",
                "atChosenThreshold",
                "withSignals",
                "withSignalsModerated",
                "withSignalsAtChosenThreshold",
                "withOwnLearning",
                "withOwnLearningAtChosenThreshold",
                "withOwnLearningAfterWarmUp",
                "withOwnLearningAtChosenThresholdAfterWarmUp",
                "naiveBayes",
                "ceilingAtOnePercent");
        List<Mean> means = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double f1 = 0;
            double fpr = 0;
            for (SpamEvaluation.Result video : videos) {
                f1 += rows.get(i).apply(video).f1();
                fpr += rows.get(i).apply(video).falsePositiveRate();
            }
            means.add(new Mean(names.get(i), f1 / videos.size(), fpr / videos.size()));
        }
        return means;
    }

    private static String meansJson(List<SpamEvaluation.Result> videos) {
        List<String> fields = new ArrayList<>();
        for (Mean mean : means(videos)) {
            fields.add(String.format(
                    Locale.ROOT,
                    "\"%s\":{\"f1\":%.4f,\"falsePositiveRate\":%.4f}",
                    mean.name(),
                    mean.f1(),
                    mean.falsePositiveRate()));
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String resultJson(SpamEvaluation.Result result) {
        StringBuilder json =
                new StringBuilder(resultJson(result.name(), result.model(), result.baseline(), result.trained()));
        json.setLength(json.length() - 1);
        if (result.atChosenThreshold() != null) {
            json.append(String.format(Locale.ROOT, ",\"chosenThreshold\":%.4f", result.chosenThreshold()))
                    .append(",\"atChosenThreshold\":")
                    .append(result.atChosenThreshold().json());
        }
        json.append(",\"withSignals\":")
                .append(result.withSignals().json())
                .append(",\"withSignalsModerated\":")
                .append(result.withSignalsModerated().json());
        if (result.withSignalsAtChosenThreshold() != null) {
            json.append(",\"withSignalsAtChosenThreshold\":")
                    .append(result.withSignalsAtChosenThreshold().json());
        }
        json.append(",\"withOwnLearning\":").append(moderationJson(result.moderated()));
        if (result.moderatedAtChosenThreshold() != null) {
            json.append(",\"withOwnLearningAtChosenThreshold\":")
                    .append(moderationJson(result.moderatedAtChosenThreshold()));
        }
        json.append(",\"ceilingAtOnePercent\":").append(result.ceiling().json());
        return json.append('}').toString();
    }

    private static String moderationJson(SpamEvaluation.Moderation moderation) {
        return String.format(
                Locale.ROOT,
                "{\"result\":%s,\"corrections\":%d,\"warmUp\":%d,\"warmUpCorrections\":%d,\"afterWarmUp\":%s}",
                moderation.confusion().json(),
                moderation.corrections(),
                SpamEvaluation.WARM_UP,
                moderation.warmUpCorrections(),
                moderation.afterWarmUp().json());
    }

    private static String resultJson(String name, Confusion model, Confusion baseline, int trained) {
        StringBuilder json = new StringBuilder("{\"task\":\"spam\",\"data\":\"")
                .append(escape(name))
                .append("\",\"messages\":")
                .append(model.total());
        if (trained >= 0) {
            json.append(",\"trainedOn\":").append(trained);
        } else {
            json.append(",\"model\":\"bundled\"");
        }
        json.append(",\"result\":").append(model.json());
        if (baseline != null) {
            json.append(",\"naiveBayes\":").append(baseline.json());
        }
        return json.append('}').toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
