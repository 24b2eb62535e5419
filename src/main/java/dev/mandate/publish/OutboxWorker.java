package dev.mandate.publish;

import dev.mandate.channel.ConnectorCalls;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
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
 * Sends queued replies through their account's connector. Each round: replies left "sending" past their lease become
 * "unknown" (their worker died between the network call and recording its answer); then, one at a time, a due reply
 * is claimed under a lease and marked "sending" in a committed transaction before the network is called, and the
 * network's answer is recorded at once. An "unknown" reply is looked up at the network first and sent again only if
 * the network says for certain that it does not have it; while that cannot be told, it stays unknown, and after the
 * last attempt it fails with a message asking a person to look. A failed reply remembers whether the network may have
 * it, so that a person who sends it again ({@link Replies#retry}) has it looked up there first.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int MOST_PER_ROUND = 50;

    private final Outbox outbox;
    private final ConnectorCalls connectors;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PublishProperties properties;
    private final Clock clock;
    private final String node = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final Repeating repeating;

    OutboxWorker(
            Outbox outbox,
            ConnectorCalls connectors,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            PublishProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.connectors = connectors;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.repeating = new Repeating("outbox", properties.interval(), this::runOnce);
    }

    /** One round now (the scheduler runs one every few seconds): how many replies it took. */
    public int runOnce() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> outbox.expireLeases(now, properties.maxAttempts())
                .forEach(gaveUp -> events.publishEvent(new ReplyEvents.ReplyFailed(
                        gaveUp.workspace(),
                        Actor.SYSTEM,
                        gaveUp.id(),
                        gaveUp.conversation(),
                        "the sender stopped while sending, " + gaveUp.attempts() + " times"))));
        // Each reply at most once a round: one whose send timed out is reconciled in the next round, not at once.
        List<ReplyId> taken = new ArrayList<>();
        while (taken.size() < MOST_PER_ROUND) {
            Instant at = clock.instant();
            Optional<Outbox.Entry> claimed =
                    transactions.execute(tx -> outbox.claim(node, at, at.plus(properties.lease()), taken));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            taken.add(claimed.get().id());
            take(claimed.get());
        }
        return taken.size();
    }

    private void take(Outbox.Entry entry) {
        boolean reconciling = entry.was() == ReplyState.UNKNOWN;
        try {
            if (reconciling) {
                Optional<Delivery> found = connectors.call(
                        entry.workspace(),
                        entry.account(),
                        "reconcile reply",
                        (c, connection) -> c.findReply(connection, entry.reply()));
                if (found.isPresent()) {
                    delivered(entry, found.get(), true);
                } else {
                    // The network says it does not have it: the earlier attempt never arrived; sending is no repeat.
                    later(
                            entry,
                            ReplyState.QUEUED,
                            Duration.ZERO,
                            "Not at the network after an unknown outcome.",
                            false);
                }
            } else {
                Delivery delivery = connectors.call(
                        entry.workspace(),
                        entry.account(),
                        "reply",
                        (c, connection) -> c.reply(connection, entry.reply()));
                delivered(entry, delivery, false);
            }
        } catch (ConnectorFailure failure) {
            handle(entry, failure);
        } catch (RuntimeException e) {
            // Not a failure the connector could name: whether the network has the reply is not known.
            log.warn(
                    "Reply {} ended unexpectedly ({})", entry.id(), e.getClass().getSimpleName());
            unknown(entry, "The send ended unexpectedly.");
        }
    }

    /** The network's id, stored at once; the inbox records the reply as the brand's message after this commits. */
    private void delivered(Outbox.Entry entry, Delivery delivery, boolean reconciled) {
        transactions.executeWithoutResult(tx -> {
            if (outbox.delivered(entry.id(), node, delivery)) {
                events.publishEvent(new ReplyEvents.ReplyDelivered(
                        entry.workspace(),
                        Actor.SYSTEM,
                        entry.id(),
                        entry.conversation(),
                        delivery.externalId(),
                        reconciled));
            }
            // else another worker took it over after this one's lease ran out, and reconciles it
        });
    }

    private void handle(Outbox.Entry entry, ConnectorFailure failure) {
        // While it is not known whether the network has a reply, every way back leads to reading the network first.
        ReplyState back = entry.was() == ReplyState.UNKNOWN ? ReplyState.UNKNOWN : ReplyState.QUEUED;
        switch (failure.kind()) {
            case RATE_LIMITED ->
                later(
                        entry,
                        back,
                        failure.retryAfter() == null ? Duration.ofMinutes(1) : failure.retryAfter(),
                        "The network asked to wait: " + failure.getMessage(),
                        true);
            case UNKNOWN_OUTCOME -> unknown(entry, failure.getMessage());
            case UNAVAILABLE -> {
                if (entry.attempts() >= properties.maxAttempts()) {
                    giveUp(
                            entry,
                            "The network could not be reached after " + entry.attempts() + " attempts: "
                                    + failure.getMessage());
                } else {
                    later(entry, back, backoff(entry.attempts()), failure.getMessage(), false);
                }
            }
            default -> giveUp(entry, failure.getMessage());
        }
    }

    private void unknown(Outbox.Entry entry, String why) {
        if (entry.attempts() >= properties.maxAttempts()) {
            fail(
                    entry,
                    "Whether the network has this reply is not known after " + entry.attempts() + " attempts (" + why
                            + "); look there before writing it again.",
                    true);
        } else {
            later(entry, ReplyState.UNKNOWN, properties.reconcileAfter(), why, false);
        }
    }

    /** Fails the reply; one that was being looked up may be at the network after all, and is looked up if sent again. */
    private void giveUp(Outbox.Entry entry, String why) {
        if (entry.was() == ReplyState.UNKNOWN) {
            fail(
                    entry,
                    "Whether the network has this reply could not be checked: " + why
                            + " Look there before writing it again.",
                    true);
        } else {
            fail(entry, why, false);
        }
    }

    /** 30 s, 1 min, 2 min, … up to the configured maximum. */
    private Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(30).multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void later(Outbox.Entry entry, ReplyState state, Duration wait, String problem, boolean attemptBack) {
        Instant next = clock.instant().plus(wait);
        transactions.executeWithoutResult(tx -> outbox.later(entry.id(), node, state, next, problem, attemptBack));
    }

    private void fail(Outbox.Entry entry, String problem, boolean outcomeUnknown) {
        transactions.executeWithoutResult(tx -> {
            if (outbox.failed(entry.id(), node, problem, outcomeUnknown)) {
                events.publishEvent(new ReplyEvents.ReplyFailed(
                        entry.workspace(), Actor.SYSTEM, entry.id(), entry.conversation(), problem));
            }
        });
    }

    @Override
    public void start() {
        if (properties.enabled()) {
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
