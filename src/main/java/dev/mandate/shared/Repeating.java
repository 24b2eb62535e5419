package dev.mandate.shared;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task a background worker repeats on its own daemon thread, with a pause between rounds, for the lifecycle of the
 * bean that owns it ({@code start} and {@code stop} from its {@code SmartLifecycle}). A round that throws is logged
 * (its exception's type and message, which must not hold secrets) and the next round runs as planned.
 */
public final class Repeating {

    private static final Logger log = LoggerFactory.getLogger(Repeating.class);

    private final String name;
    private final Duration pause;
    private final Runnable round;
    private ScheduledExecutorService executor;

    public Repeating(String name, Duration pause, Runnable round) {
        this.name = Objects.requireNonNull(name, "name");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.round = Objects.requireNonNull(round, "round");
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, pause.toMillis());
        executor.scheduleWithFixedDelay(this::runRound, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Waits up to ten seconds for a running round to end. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    public synchronized boolean running() {
        return executor != null;
    }

    private void runRound() {
        try {
            round.run();
        } catch (RuntimeException e) {
            log.warn(
                    "{}: a round failed ({}: {}); the next one runs as planned",
                    name,
                    e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }
}
