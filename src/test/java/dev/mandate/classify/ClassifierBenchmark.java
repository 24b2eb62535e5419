package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.classify.language.LanguageDetection;
import dev.mandate.classify.language.LanguageProperties;
import dev.mandate.shared.WorkspaceId;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Throughput of every classifier on one thread, through {@link Classifier#classify} as ingest calls it, on the seed
 * threads and the shared data sets' texts; each classifier is also timed alone, the whole as ingest calls it (the
 * language named by the source, the next text as the context), and the whole is set against spam alone in the same
 * run. Not part of the test suite (the name does not end in Tests). Run:
 * {@code mvn test -Dtest=ClassifierBenchmark -Dmandate.bench.seconds=10}.
 */
@SpringBootTest
class ClassifierBenchmark {

    static final Path DATASETS = Path.of("..", "shared", "datasets");

    @Autowired
    Classifier classifier;

    @Autowired
    SpamClassifier spam;

    @Autowired
    LanguageDetection languages;

    @Autowired
    IntentClassifier intents;

    @Autowired
    SentimentClassifier sentiments;

    @Autowired
    AbuseClassifier abuse;

    @Test
    void measuresMessagesPerSecondOnOneThread() {
        int seconds = Integer.getInteger("mandate.bench.seconds", 10);
        List<String> texts = texts();
        List<String> codes = texts.stream().map(t -> languages.detect(t).code()).toList();
        double chars = texts.stream().mapToInt(String::length).average().orElse(0);
        WorkspaceId workspace = WorkspaceId.random();
        System.out.printf(
                Locale.ROOT,
                "%d texts (seed threads, YouTube, SMS, GermEval, BANKING77 test), %.0f characters on"
                        + " average; %d s per measurement after a warm-up%n",
                texts.size(),
                chars,
                seconds);

        double spamAlone = measure("spam alone", texts, seconds, i -> spam.classify(texts.get(i), null));
        for (int from : new int[] {0, 120, 60, 1}) {
            LanguageDetection detection =
                    LanguageDetection.of(LanguageProperties.defaults().withLowAccuracyFrom(from));
            measure("language alone, low accuracy from " + from, texts, seconds, i -> detection.detect(texts.get(i)));
        }
        measure("language alone, as configured", texts, seconds, i -> languages.detect(texts.get(i)));
        measure("intent alone", texts, seconds, i -> intents.classify(texts.get(i), codes.get(i)));
        measure("sentiment alone", texts, seconds, i -> sentiments.classify(texts.get(i), codes.get(i)));
        measure("abuse alone", texts, seconds, i -> abuse.classify(texts.get(i), codes.get(i)));
        double together = measure(
                "all through Classifier.classify",
                texts,
                seconds,
                i -> classifier.classify(workspace, texts.get(i), null));
        // as ingest calls it: the source names the language, and the message answers another text
        measure(
                "all, language named, with context",
                texts,
                seconds,
                i -> classifier.classify(
                        workspace,
                        texts.get(i),
                        texts.get((i + 1) % texts.size()),
                        SpamClassifier.Seen.NOTHING,
                        codes.get(i)));
        System.out.printf(
                Locale.ROOT,
                "together / spam alone, per CPU-second: %.2f of spam's throughput (%.1f times the CPU time per"
                        + " message)%n",
                together / spamAlone,
                spamAlone / together);
        assertThat(together).isPositive();
    }

    /** Measures one classifier; returns messages per CPU-second of this thread, which other processes do not skew. */
    private static double measure(String name, List<String> texts, int seconds, Consumer<Integer> classify) {
        run(texts, 2_000_000_000L, classify);
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long messages = run(texts, seconds * 1_000_000_000L, classify);
        long elapsed = System.nanoTime() - begin;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        double perSecond = messages * 1e9 / elapsed;
        System.out.printf(
                Locale.ROOT,
                "%-34s %9.0f messages/s (%9.0f per CPU-second), %7.1f µs each%n",
                name,
                perSecond,
                messages * 1e9 / cpu,
                elapsed / 1e3 / messages);
        return messages * 1e9 / cpu;
    }

    private static long run(List<String> texts, long nanos, Consumer<Integer> classify) {
        long end = System.nanoTime() + nanos;
        long messages = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < texts.size(); i++) {
                classify.accept(i);
                messages++;
            }
        }
        return messages;
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (IntentCorpus.Example example : IntentCorpus.read(Path.of("..", "shared", "fixtures", "seed-threads.json"))
                .examples()) {
            texts.add(example.text());
        }
        Path videos = DATASETS.resolve("youtube-spam-collection");
        for (String video : List.of("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")) {
            SpamCorpus.read(videos.resolve(video)).forEach(e -> texts.add(e.text()));
        }
        SpamCorpus.read(DATASETS.resolve("sms-spam-collection").resolve("SMSSpamCollection"))
                .forEach(e -> texts.add(e.text()));
        AbuseModel.read(DATASETS.resolve(AbuseModel.TRAIN_FILE)).forEach(e -> texts.add(e.text()));
        IntentCorpus.read(DATASETS.resolve("banking77").resolve("test.csv"))
                .examples()
                .forEach(e -> texts.add(e.text()));
        return texts;
    }
}
