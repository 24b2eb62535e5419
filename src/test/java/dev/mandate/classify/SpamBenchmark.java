package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the spam classifier on one thread, on every text of the YouTube and SMS collections; not part of
 * the test suite (the name does not end in Tests). Run: {@code mvn test -Dtest=SpamBenchmark -Dmandate.bench.seconds=10}.
 */
class SpamBenchmark {

    @Test
    void measuresMessagesPerSecondOnOneThread() {
        int seconds = Integer.getInteger("mandate.bench.seconds", 10);
        long start = System.nanoTime();
        SpamClassifier classifier = new SpamClassifier(SpamModel.bundled(), 0.5, 1.5);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> texts = new ArrayList<>();
        for (LabelledText example :
                SpamEvaluation.everything(Path.of("..", "shared", "datasets")).examples()) {
            texts.add(example.text());
        }
        double chars = texts.stream().mapToInt(String::length).average().orElse(0);
        SpamClassifier.Seen seen = new SpamClassifier.Seen(1, 2, 3);
        // Warm up the JIT, then count whole passes for the given time.
        run(classifier, texts, seen, 3_000_000_000L);
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long messages = run(classifier, texts, seen, seconds * 1_000_000_000L);
        long elapsed = System.nanoTime() - begin;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        assertThat(messages).isPositive();
        System.out.printf(
                Locale.ROOT,
                "spam model loaded in %d ms; %d texts (%.0f characters on average), with history signals:"
                        + " %.0f messages/s on one thread (%.0f per CPU-second), %.1f µs each%n",
                loadMillis,
                texts.size(),
                chars,
                messages * 1e9 / elapsed,
                messages * 1e9 / cpu,
                elapsed / 1e3 / messages);
    }

    private static long run(SpamClassifier classifier, List<String> texts, SpamClassifier.Seen seen, long nanos) {
        long end = System.nanoTime() + nanos;
        long messages = 0;
        int spam = 0;
        while (System.nanoTime() < end) {
            for (String text : texts) {
                spam += classifier.classify(text, null, seen).spam() ? 1 : 0;
                messages++;
            }
        }
        if (spam < 0) {
            throw new IllegalStateException();
        }
        return messages;
    }
}
