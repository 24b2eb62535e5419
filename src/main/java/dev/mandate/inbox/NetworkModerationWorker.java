package dev.mandate.inbox;

import dev.mandate.channel.ConnectorCalls;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Repeating;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out queued moderation at the networks (mark as spam, approve again), outside any transaction: each action
 * is claimed under a lease in a committed transaction, the network is called, and its answer recorded with an audit
 * entry. Moderation is idempotent at the network (setting a comment's status twice changes nothing), so an action
 * whose outcome is unknown, or whose worker died, is simply tried again; transient failures back off, and one the
 * network refuses, or that runs out of attempts, fails with an audit entry saying why.
 */
@Component
public class NetworkModerationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NetworkModerationWorker.class);
    private static final int MOST_PER_ROUND = 50;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final NetworkModeration queue;
    private final ConnectorCalls connectors;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final InboxProperties properties;
    private final Clock clock;
    private final Repeating repeating;

    NetworkModerationWorker(
            NetworkModeration queue,
            ConnectorCalls connectors,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            InboxProperties properties,
            Clock clock) {
        this.queue = queue;
        this.connectors = connectors;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.repeating = new Repeating("network-moderation", properties.moderationInterval(), this::runOnce);
    }

    /** One round now (the scheduler runs one every few seconds): how many actions it took. */
    public int runOnce() {
        List<UUID> taken = new ArrayList<>();
        while (taken.size() < MOST_PER_ROUND) {
            Instant now = clock.instant();
            Optional<NetworkModeration.Action> claimed =
                    transactions.execute(tx -> queue.claim(now, now.plus(LEASE), taken));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            taken.add(claimed.get().id());
            take(claimed.get());
        }
        return taken.size();
    }

    private void take(NetworkModeration.Action action) {
        try {
            connectors.call(
                    action.workspace(),
                    action.account(),
                    "moderate " + action.moderation().name().toLowerCase(java.util.Locale.ROOT),
                    (connector, connection) -> {
                        connector.moderate(connection, action.externalId(), action.moderation());
                        return null;
                    });
            transactions.executeWithoutResult(tx -> {
                if (queue.done(action.id(), clock.instant())) {
                    events.publishEvent(event(action, null));
                }
            });
        } catch (ConnectorFailure failure) {
            switch (failure.kind()) {
                case RATE_LIMITED, UNAVAILABLE, UNKNOWN_OUTCOME ->
                    retry(
                            action,
                            failure.retryAfter() != null ? failure.retryAfter() : backoff(action.attempts()),
                            failure.getMessage());
                default -> fail(action, failure.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Moderation {} ended unexpectedly ({})",
                    action.id(),
                    e.getClass().getSimpleName());
            retry(action, backoff(action.attempts()), "The call ended unexpectedly.");
        }
    }

    private void retry(NetworkModeration.Action action, Duration wait, String problem) {
        if (action.attempts() >= properties.moderationMaxAttempts()) {
            fail(action, "Gave up after " + action.attempts() + " attempts: " + problem);
            return;
        }
        Instant next = clock.instant().plus(wait);
        transactions.executeWithoutResult(tx -> queue.later(action.id(), next, problem));
    }

    private void fail(NetworkModeration.Action action, String problem) {
        transactions.executeWithoutResult(tx -> {
            if (queue.failed(action.id(), problem)) {
                events.publishEvent(event(action, problem));
            }
        });
    }

    private static ModerationEvents.ModeratedAtNetwork event(NetworkModeration.Action action, String problem) {
        return new ModerationEvents.ModeratedAtNetwork(
                action.workspace(),
                Actor.SYSTEM,
                action.message(),
                action.conversation(),
                action.network(),
                action.externalId(),
                action.moderation().name(),
                action.reasons(),
                problem);
    }

    /** 30 s, 1 min, 2 min, … up to an hour. */
    private static Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(30).multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    @Override
    public void start() {
        if (properties.moderationEnabled()) {
            repeating.start();
        }
    }

    @Override
    public void stop() {
        repeating.stop();
    }

    @Override
    public boolean isRunning() {
        return repeating.running();
    }
}
