package dev.mandate.channel;

import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps one watch on each active account whose connector is {@link Watchable} (IMAP IDLE), so that new items reach
 * the inbox within seconds instead of at the next poll: a wake publishes {@link ChannelEvents.SyncRequested}, which
 * makes the account due and lets the scheduler run it. A watch starts when its account is connected or resumed and
 * for existing accounts at start-up; it is closed when the account is paused, removed or its credential fails, and
 * on shutdown. A watch whose connection dropped is started again after a backoff ({@code mandate.channel.sync.backoff}
 * doubling up to {@code max-backoff}); one whose credential is refused stays closed (the sync marks the account) until
 * the credential is replaced or the account resumed. Every (re)started watch asks for a sync once, for what arrived
 * while nobody watched.
 *
 * <p>Runs where the sync runs ({@code MANDATE_CHANNEL_SYNC_ENABLED}). Every such node watches every account: a wake
 * only makes the account due, and the sync's lease still keeps each run to one node. Every poll interval it compares
 * its watches with the accounts, so a pause or removal on another node closes the watch here too.
 */
@Component
class Watches implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Watches.class);

    private final Connectors connectors;
    private final Vault vault;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ChannelProperties.Sync settings;
    private final Clock clock;
    // Touched only on the executor's single thread (and by stop() once that has ended).
    private final Map<ChannelAccountId, Entry> entries = new HashMap<>();
    private volatile ScheduledExecutorService executor;

    Watches(
            Connectors connectors,
            Vault vault,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            ChannelProperties properties,
            Clock clock) {
        this.connectors = connectors;
        this.vault = vault;
        this.jdbc = jdbc;
        this.events = events;
        this.settings = properties.sync();
        this.clock = clock;
    }

    /** One account's watch, or why it has none. */
    private static final class Entry {
        Watchable.Watch watch;
        int failures;
        Instant retryAt;
        boolean refused;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "channel-watches");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, settings.pollInterval().toMillis());
        executor.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ExecutorService running = executor;
        if (running == null) {
            return;
        }
        executor = null;
        running.shutdownNow();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        entries.values().forEach(Watches::close);
        entries.clear();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Whether this node watches the account now. */
    boolean watching(ChannelAccountId id) {
        return onExecutor(() -> {
                    Entry entry = entries.get(id);
                    return entry != null && entry.watch != null && entry.watch.watching();
                })
                .orElse(false);
    }

    /**
     * Compares the watches with the accounts once and waits for it: closes those of accounts no longer watched,
     * starts those that are missing or dropped and whose backoff is over. What the schedule does every poll interval.
     */
    void check() {
        onExecutor(() -> {
            checkAll();
            return true;
        });
    }

    @EventListener
    void on(ChannelEvents.AccountConnected connected) {
        afterCommit(connected.account().id(), false);
    }

    @EventListener
    void on(ChannelEvents.AccountChanged changed) {
        boolean fresh = changed.change() == ChannelEvents.AccountChanged.Change.RESUMED
                || changed.change() == ChannelEvents.AccountChanged.Change.CREDENTIAL_REPLACED;
        afterCommit(changed.account().id(), fresh);
    }

    @EventListener
    void on(ChannelEvents.CredentialsFailed failed) {
        afterCommit(failed.account().id(), false);
    }

    private void afterCommit(ChannelAccountId id, boolean fresh) {
        if (executor == null) {
            return;
        }
        Runnable task = () -> submit(() -> checkOne(id, fresh));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    task.run();
                }
            });
        } else {
            task.run();
        }
    }

    private void submit(Runnable task) {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return;
        }
        try {
            running.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn(
                            "Checking the channel watches failed: {}",
                            e.getClass().getName());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private <T> Optional<T> onExecutor(java.util.concurrent.Callable<T> task) {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(running.submit(task).get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("The channel watches did not answer.", e);
        }
    }

    private void checkQuietly() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            // The next round tries again; a failing database must not end the schedule.
            log.warn("Checking the channel watches failed: {}", e.getClass().getName());
        }
    }

    private void checkAll() {
        List<ChannelAccounts.Stored> watched = watchable(null);
        Set<ChannelAccountId> ids = new HashSet<>();
        for (ChannelAccounts.Stored stored : watched) {
            ids.add(stored.account().id());
        }
        entries.entrySet().removeIf(entry -> {
            if (ids.contains(entry.getKey())) {
                return false;
            }
            close(entry.getValue());
            return true;
        });
        for (ChannelAccounts.Stored stored : watched) {
            ensure(stored, false);
        }
    }

    private void checkOne(ChannelAccountId id, boolean fresh) {
        List<ChannelAccounts.Stored> watched = watchable(id);
        if (watched.isEmpty()) {
            Entry entry = entries.remove(id);
            if (entry != null) {
                close(entry);
            }
            return;
        }
        ensure(watched.get(0), fresh);
    }

    /** The accounts that should be watched: active, synced, credential not refused, connector {@link Watchable}. */
    private List<ChannelAccounts.Stored> watchable(ChannelAccountId only) {
        List<String> networks = connectors.all().stream()
                .filter(Watchable.class::isInstance)
                .map(Connector::network)
                .toList();
        if (networks.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from channel.account
                         where state = 'active' and credentials_failed_at is null
                           and sync_interval_seconds is not null and network in (:networks)
                           and (cast(:only as uuid) is null or id = cast(:only as uuid))
                        """)
                .param("networks", networks)
                .param("only", only == null ? null : only.value())
                .query(ChannelAccounts::readStored)
                .list();
    }

    private void ensure(ChannelAccounts.Stored stored, boolean fresh) {
        ChannelAccount account = stored.account();
        Entry entry = entries.computeIfAbsent(account.id(), id -> new Entry());
        if (fresh) {
            close(entry);
            entry.failures = 0;
            entry.retryAt = null;
            entry.refused = false;
        }
        if (entry.watch != null) {
            if (entry.watch.watching()) {
                return;
            }
            close(entry);
            entry.failures++;
            entry.retryAt = clock.instant().plus(settings.backoffAfter(entry.failures));
            log.info(
                    "The watch of {} account {} ended; it starts again after {}",
                    account.network(),
                    account.id(),
                    settings.backoffAfter(entry.failures));
            return;
        }
        if (entry.refused || (entry.retryAt != null && clock.instant().isBefore(entry.retryAt))) {
            return;
        }
        Watchable connector = connectors
                .find(account.network())
                .filter(Watchable.class::isInstance)
                .map(Watchable.class::cast)
                .orElse(null);
        if (connector == null) {
            return;
        }
        try {
            Optional<Watchable.Watch> watch = open(connector, stored);
            if (watch.isEmpty()) {
                // The server offers no push: polling alone; asked again after the longest backoff.
                entry.retryAt = clock.instant().plus(settings.maxBackoff());
                return;
            }
            entry.watch = watch.get();
            entry.failures = 0;
            entry.retryAt = null;
            wake(account.workspaceId(), account.id());
        } catch (ConnectorFailure failure) {
            if (failure.kind() == ConnectorFailure.Kind.CREDENTIALS) {
                entry.refused = true;
                log.info(
                        "The {} account {} refused the credential; not watched until it is replaced",
                        account.network(),
                        account.id());
                return;
            }
            retryLater(entry, account, failure.kind().name());
        } catch (RuntimeException e) {
            // A fault of the adapter or the vault: its message could hold anything, so only its type is logged.
            retryLater(entry, account, e.getClass().getName());
        }
    }

    private Optional<Watchable.Watch> open(Watchable connector, ChannelAccounts.Stored stored) {
        ChannelAccount account = stored.account();
        Runnable wake = () -> wake(account.workspaceId(), account.id());
        if (stored.secretId() == null) {
            return connector.watch(new Connection(account, stored.settings(), null), wake);
        }
        return vault.use(
                account.workspaceId(),
                stored.secretId(),
                "watch",
                plain ->
                        connector.watch(new Connection(account, stored.settings(), Connection.Secret.of(plain)), wake));
    }

    private void retryLater(Entry entry, ChannelAccount account, String why) {
        entry.failures++;
        entry.retryAt = clock.instant().plus(settings.backoffAfter(entry.failures));
        log.info(
                "Could not watch {} account {} ({}); tried again after {}, polling goes on",
                account.network(),
                account.id(),
                why,
                settings.backoffAfter(entry.failures));
    }

    private void wake(WorkspaceId workspace, ChannelAccountId id) {
        try {
            events.publishEvent(new ChannelEvents.SyncRequested(workspace, id));
        } catch (RuntimeException e) {
            // The next poll syncs it all the same.
            log.warn(
                    "Could not ask for a sync of account {}: {}",
                    id,
                    e.getClass().getName());
        }
    }

    private static void close(Entry entry) {
        Watchable.Watch watch = entry.watch;
        entry.watch = null;
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                // it is gone either way
            }
        }
    }
}
