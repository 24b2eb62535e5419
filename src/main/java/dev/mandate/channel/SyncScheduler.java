package dev.mandate.channel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the sync on this node: every poll interval each worker syncs the accounts that are due, until none is left.
 * Several nodes may run it on one database; the leases keep each account to one of them. Off with
 * {@code MANDATE_CHANNEL_SYNC_ENABLED=false}.
 */
@Component
class SyncScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final ChannelSync sync;
    private final ChannelProperties.Sync settings;
    private volatile ScheduledExecutorService executor;

    SyncScheduler(ChannelSync sync, ChannelProperties properties) {
        this.sync = sync;
        this.settings = properties.sync();
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || executor != null) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "channel-sync-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, settings.pollInterval().toMillis());
        for (int i = 0; i < settings.workers(); i++) {
            executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
        log.info("Channel sync runs on node {} with {} worker(s)", sync.node(), settings.workers());
    }

    /** Looks for due accounts at once, e.g. after a connector asked for a sync. */
    @EventListener
    void on(ChannelEvents.SyncRequested request) {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.execute(this::poll);
        }
    }

    private void poll() {
        try {
            sync.runDue();
        } catch (RuntimeException e) {
            // The next poll tries again; a failing database must not end the schedule.
            log.warn("Channel sync poll failed: {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
