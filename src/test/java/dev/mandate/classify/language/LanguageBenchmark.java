package dev.mandate.classify.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Throughput of language detection on one thread, on the GermEval tweets; not part of the test suite (the name does
 * not end in Tests). Run: {@code mvn test -Dtest=LanguageBenchmark -Dmandate.bench.seconds=10}.
 */
class LanguageBenchmark {

    @Test
    void measuresMessagesPerSecondOnOneThread() {
        int seconds = Integer.getInteger("mandate.bench.seconds", 10);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        LanguageDetection detection = LanguageDetection.of(LanguageProperties.defaults());
        detection.detect("Ein erster Satz, der die Modelle lädt.");
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf(
                Locale.ROOT,
                "models de,en loaded in %d ms; heap in use grew by %d MB (%d MB in use)%n",
                loadMillis,
                (heapAfter - heapBefore) >> 20,
                heapAfter >> 20);

        List<String> texts =
                LanguageEvaluation.read(LanguageEvaluationTests.GERMEVAL, LanguageEvaluation.Format.GERMEVAL).stream()
                        .map(LanguageEvaluation.Sample::text)
                        .toList();
        double chars = texts.stream().mapToInt(String::length).average().orElse(0);
        // Warm up the JIT, then count whole passes for the given time.
        run(detection, texts, 3_000_000_000L);
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long messages = run(detection, texts, seconds * 1_000_000_000L);
        long elapsed = System.nanoTime() - begin;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        assertThat(messages).isPositive();
        System.out.printf(
                Locale.ROOT,
                "%d GermEval tweets (%.0f characters on average): %.0f messages/s on one thread"
                        + " (%.0f per CPU-second), %.1f µs each%n",
                texts.size(),
                chars,
                messages * 1e9 / elapsed,
                messages * 1e9 / cpu,
                elapsed / 1e3 / messages);
    }

    private static long run(LanguageDetection detection, List<String> texts, long nanos) {
        long end = System.nanoTime() + nanos;
        long messages = 0;
        int known = 0;
        while (System.nanoTime() < end) {
            for (String text : texts) {
                known += detection.detect(text).known() ? 1 : 0;
                messages++;
            }
        }
        if (known < 0) {
            throw new IllegalStateException();
        }
        return messages;
    }
}
