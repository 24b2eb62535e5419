package dev.mandate.channel;

import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.Vault;
import dev.mandate.workspace.Membership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Syncs connected accounts: claims an account under a lease, reads it page by page through its connector (the secret
 * decrypted only inside each call), hands each page to {@link Arrivals} (the inbox, in its own transaction) and only
 * then stores the new cursor. A crash between the two re-reads a page that ingest deduplicates: at least once, never
 * twice in the inbox. Failures are told apart by {@link ConnectorFailure.Kind}: a refused credential stops the sync
 * and tells the owner once, an unavailable network is retried with backoff and past a threshold opens a platform
 * incident, a rate limit waits as told.
 */
@Service
public class ChannelSync {

    private static final Logger log = LoggerFactory.getLogger(ChannelSync.class);

    private final SyncStates states;
    private final Connectors connectors;
    private final Vault vault;
    private final Arrivals arrivals;
    private final Incidents incidents;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final ChannelProperties.Sync settings;
    private final Clock clock;
    private final String node;

    @org.springframework.beans.factory.annotation.Autowired
    ChannelSync(
            SyncStates states,
            Connectors connectors,
            Vault vault,
            Arrivals arrivals,
            Incidents incidents,
            PlatformTransactionManager transactions,
            MeterRegistry meters,
            ChannelProperties properties,
            Clock clock) {
        this(
                states,
                connectors,
                vault,
                arrivals,
                incidents,
                new TransactionTemplate(transactions),
                meters,
                properties.sync(),
                clock,
                nodeId(properties.sync().nodeId()));
    }

    private ChannelSync(
            SyncStates states,
            Connectors connectors,
            Vault vault,
            Arrivals arrivals,
            Incidents incidents,
            TransactionTemplate transaction,
            MeterRegistry meters,
            ChannelProperties.Sync settings,
            Clock clock,
            String node) {
        this.states = states;
        this.connectors = connectors;
        this.vault = vault;
        this.arrivals = arrivals;
        this.incidents = incidents;
        this.transaction = transaction;
        this.meters = meters;
        this.settings = settings;
        this.clock = clock;
        this.node = node;
    }

    /** The same runtime as another node would run it: its own node id, clock and arrivals (for tests). */
    ChannelSync asNode(String node, Clock clock, Arrivals arrivals, ChannelProperties.Sync settings) {
        return new ChannelSync(
                states, connectors, vault, arrivals, incidents, transaction, meters, settings, clock, node);
    }

    /** This node's name in leases. */
    public String node() {
        return node;
    }

    /** Syncs every account that is due, one after the other, until none is left; returns how many ran. */
    public int runDue() {
        int ran = 0;
        Optional<SyncStates.Claimed> claimed;
        while (ran < 1000 && !Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            claimed = states.claimDue(node, now, now.plus(settings.leaseDuration()));
            if (claimed.isEmpty()) {
                break;
            }
            run(claimed.get());
            ran++;
        }
        return ran;
    }

    /** Syncs one account now, due or not (the "Sync now" button); the brand and the agency lead may. */
    public SyncResult syncNow(Membership by, ChannelAccountId id) {
        ChannelConnections.requireMayManage(by);
        return syncNow(by.workspaceId(), id);
    }

    /** Syncs one account now, due or not, unless another run holds it or it is paused or removed. */
    public SyncResult syncNow(WorkspaceId workspace, ChannelAccountId id) {
        Instant now = clock.instant();
        return states.claim(workspace, id, node, now, now.plus(settings.leaseDuration()))
                .map(this::run)
                .orElseGet(() -> notRun(workspace, id));
    }

    private SyncResult notRun(WorkspaceId workspace, ChannelAccountId id) {
        if (!states.exists(workspace, id)) {
            throw new NotFound("channel account");
        }
        return new SyncResult(
                id,
                SyncResult.Outcome.NOT_RUN,
                0,
                0,
                0,
                null,
                "The account is being synced already, or it is paused, removed or not synced by Mandate.");
    }

    /**
     * Makes an account due now, for connectors that are told of new items (IMAP IDLE, webhooks). Runs before the
     * scheduler's listener, which looks for due accounts at once.
     */
    @EventListener
    @Order(0)
    public void on(ChannelEvents.SyncRequested request) {
        states.makeDue(request.workspaceId(), request.accountId(), clock.instant());
    }

    SyncResult run(SyncStates.Claimed claimed) {
        ChannelAccount account = claimed.account();
        Connector connector = connectors.find(account.network()).orElse(null);
        if (connector == null) {
            return failed(claimed, "CONFIGURATION", "Mandate has no connector for " + account.network() + ".", 0, 0, 0);
        }
        String cursor = claimed.cursor();
        int pages = 0;
        int stored = 0;
        int skipped = 0;
        boolean more;
        try {
            do {
                Fetched page = fetch(connector, claimed.stored(), cursor);
                pages++;
                if (!page.items().isEmpty()) {
                    stored += accept(account, page);
                }
                if (page.skipped() > 0) {
                    skipped += page.skipped();
                    Counter.builder("mandate.channel.sync.skipped")
                            .description("Items a connector could not read and left out")
                            .tag("network", account.network())
                            .register(meters)
                            .increment(page.skipped());
                }
                if (!states.storePage(claimed.id(), node, page.cursor(), page.skipped(), leaseEnd())) {
                    return lost(claimed, pages, stored, skipped);
                }
                cursor = page.cursor();
                more = page.more();
            } while (more && pages < settings.maxPagesPerRun());
        } catch (ConnectorFailure failure) {
            return handle(claimed, failure, pages, stored, skipped);
        } catch (IngestFailed e) {
            log.warn(
                    "The inbox did not take a page of {} account {} ({}); it is read again next time",
                    account.network(),
                    account.id(),
                    e.getCause().getClass().getName());
            return failed(
                    claimed,
                    "INGEST",
                    "The inbox could not store what arrived; it is tried again.",
                    pages,
                    stored,
                    skipped);
        } catch (RuntimeException e) {
            // A fault of the adapter: its message could hold anything (even a credential), so neither people nor
            // the log see it; the type and the place are enough to find the bug.
            StackTraceElement[] trace = e.getStackTrace();
            log.warn(
                    "The {} connector failed on account {}: {} at {}",
                    account.network(),
                    account.id(),
                    e.getClass().getName(),
                    trace.length == 0 ? "?" : trace[0]);
            return failed(
                    claimed,
                    "ERROR",
                    "The " + account.network() + " connector failed unexpectedly ("
                            + e.getClass().getSimpleName() + ").",
                    pages,
                    stored,
                    skipped);
        }
        Instant now = clock.instant();
        Duration interval = claimed.stored().syncInterval() == null
                ? settings.interval()
                : claimed.stored().syncInterval();
        // More than one run's worth waiting: go on soon, after others had their turn.
        Instant next = more ? now : now.plus(interval);
        boolean ours = transaction.execute(status -> {
            if (!states.succeeded(claimed.id(), node, now, next)) {
                return false;
            }
            incidents.closeAutomatic(account, now);
            return true;
        });
        if (!ours) {
            return lost(claimed, pages, stored, skipped);
        }
        count(account, "synced");
        return new SyncResult(claimed.id(), SyncResult.Outcome.SYNCED, pages, stored, skipped, null, null);
    }

    private Fetched fetch(Connector connector, ChannelAccounts.Stored stored, String cursor) {
        Fetched page;
        if (stored.secretId() == null) {
            page = connector.fetch(new Connection(stored.account(), stored.settings(), null), cursor);
        } else {
            page = vault.use(
                    stored.account().workspaceId(),
                    stored.secretId(),
                    "sync",
                    plain -> connector.fetch(
                            new Connection(stored.account(), stored.settings(), Connection.Secret.of(plain)), cursor));
        }
        if (page == null) {
            throw ConnectorFailure.configuration("The " + connector.network() + " connector returned no page.");
        }
        return page;
    }

    private int accept(ChannelAccount account, Fetched page) {
        try {
            return arrivals.accept(account, page.items());
        } catch (RuntimeException e) {
            throw new IngestFailed(e);
        }
    }

    private SyncResult handle(
            SyncStates.Claimed claimed, ConnectorFailure failure, int pages, int stored, int skipped) {
        ChannelAccount account = claimed.account();
        Instant now = clock.instant();
        String message = failure.getMessage() == null ? failure.kind().name() : failure.getMessage();
        log.info("Sync of {} account {} failed: {} ({})", account.network(), account.id(), failure.kind(), message);
        switch (failure.kind()) {
            case CREDENTIALS -> {
                transaction.executeWithoutResult(status -> {
                    states.credentialsFailed(account, now, message);
                    incidents.closeAutomatic(account, now);
                });
                count(account, "credentials");
                return new SyncResult(
                        claimed.id(),
                        SyncResult.Outcome.FAILED,
                        pages,
                        stored,
                        skipped,
                        failure.kind().name(),
                        message);
            }
            case RATE_LIMITED -> {
                Duration wait =
                        failure.retryAfter() == null || failure.retryAfter().isNegative()
                                ? settings.backoff()
                                : failure.retryAfter();
                boolean ours = transaction.execute(status -> {
                    if (!states.delayed(claimed.id(), node, now.plus(wait))) {
                        return false;
                    }
                    incidents.closeAutomatic(account, now);
                    return true;
                });
                if (!ours) {
                    return lost(claimed, pages, stored, skipped);
                }
                count(account, "delayed");
                return new SyncResult(
                        claimed.id(),
                        SyncResult.Outcome.DELAYED,
                        pages,
                        stored,
                        skipped,
                        failure.kind().name(),
                        message);
            }
            case UNAVAILABLE -> {
                Instant since = claimed.failingSince() == null ? now : claimed.failingSince();
                int failures = claimed.consecutiveFailures() + 1;
                boolean ours = transaction.execute(status -> {
                    if (!states.failed(
                            claimed.id(),
                            node,
                            failure.kind().name(),
                            message,
                            failures,
                            since,
                            now.plus(settings.backoffAfter(failures)))) {
                        return false;
                    }
                    if (!Duration.between(since, now)
                            .minus(settings.incidentThreshold())
                            .isNegative()) {
                        incidents.openAutomatic(account, since, message);
                    }
                    return true;
                });
                if (!ours) {
                    return lost(claimed, pages, stored, skipped);
                }
                count(account, "unavailable");
                return new SyncResult(
                        claimed.id(),
                        SyncResult.Outcome.FAILED,
                        pages,
                        stored,
                        skipped,
                        failure.kind().name(),
                        message);
            }
            case REJECTED -> {
                transaction.executeWithoutResult(status -> incidents.closeAutomatic(account, now));
                return failed(claimed, failure.kind().name(), message, pages, stored, skipped, null);
            }
            default -> {
                return failed(claimed, failure.kind().name(), message, pages, stored, skipped);
            }
        }
    }

    private SyncResult failed(
            SyncStates.Claimed claimed, String kind, String message, int pages, int stored, int skipped) {
        return failed(claimed, kind, message, pages, stored, skipped, claimed.failingSince());
    }

    private SyncResult failed(
            SyncStates.Claimed claimed,
            String kind,
            String message,
            int pages,
            int stored,
            int skipped,
            Instant failingSince) {
        int failures = claimed.consecutiveFailures() + 1;
        Instant now = clock.instant();
        if (!states.failed(
                claimed.id(), node, kind, message, failures, failingSince, now.plus(settings.backoffAfter(failures)))) {
            return lost(claimed, pages, stored, skipped);
        }
        count(claimed.account(), "failed");
        return new SyncResult(claimed.id(), SyncResult.Outcome.FAILED, pages, stored, skipped, kind, message);
    }

    private SyncResult lost(SyncStates.Claimed claimed, int pages, int stored, int skipped) {
        log.warn(
                "Node {} lost its lease on {} account {}; another node syncs it",
                node,
                claimed.account().network(),
                claimed.id());
        return new SyncResult(claimed.id(), SyncResult.Outcome.LEASE_LOST, pages, stored, skipped, null, null);
    }

    private Instant leaseEnd() {
        return clock.instant().plus(settings.leaseDuration());
    }

    private void count(ChannelAccount account, String outcome) {
        Counter.builder("mandate.channel.sync.runs")
                .description("Sync runs of channel accounts, by outcome")
                .tag("network", account.network())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static String nodeId(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The inbox did not store a page; the cursor stays where it was. */
    private static final class IngestFailed extends RuntimeException {
        IngestFailed(RuntimeException cause) {
            super(cause);
        }
    }
}
