package dev.mandate.publish;

import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.IncomingMessage;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Repeating;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Sends queued replies. Each round: replies left "sending" past their lease become "unknown" (their worker died
 * between the network call and recording its answer); due replies are claimed under a lease and marked "sending"
 * in a committed transaction before the network is called; an answer is recorded at once, with the reply as an
 * outbound message in its conversation; an "unknown" reply is looked up at the network first and sent again only
 * if the network does not have it.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final Sender sender;
    private final Inbox inbox;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PublishProperties properties;
    private final Clock clock;
    private final String node = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final Repeating repeating;

    OutboxWorker(
            Outbox outbox,
            Sender sender,
            Inbox inbox,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            PublishProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.inbox = inbox;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.repeating = new Repeating("outbox", properties.interval(), this::round);
    }

    /** One round now (the scheduler runs them every few seconds): how many replies it took (sent, reconciled or put back). */
    public int runOnce() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> outbox.expireLeases(now));
        List<Outbox.Entry> claimed =
                transactions.execute(tx -> outbox.claim(node, now, now.plus(properties.lease()), BATCH));
        if (claimed == null) {
            return 0;
        }
        for (Outbox.Entry entry : claimed) {
            try {
                if (entry.was() == ReplyState.UNKNOWN) {
                    reconcile(entry);
                } else {
                    send(entry);
                }
            } catch (ConnectorFailure failure) {
                handle(entry, failure);
            } catch (RuntimeException e) {
                // Not a failure the connector could name: the outcome is not known; read the network first.
                log.warn(
                        "Sending reply {} ended unexpectedly: {}",
                        entry.id(),
                        e.getClass().getSimpleName());
                if (entry.attempts() >= properties.maxAttempts()) {
                    fail(
                            entry,
                            "Whether the network has this reply is not known after " + entry.attempts()
                                    + " attempts; look at the network before writing it again.");
                } else {
                    later(entry, ReplyState.UNKNOWN, properties.reconcileAfter(), "The send ended unexpectedly.", true);
                }
            }
        }
        return claimed.size();
    }

    private void send(Outbox.Entry entry) {
        Delivery delivery = sender.send(entry.workspace(), entry.account(), entry.reply());
        record(entry, delivery, false);
    }

    private void reconcile(Outbox.Entry entry) {
        Optional<Delivery> found = sender.find(entry.workspace(), entry.account(), entry.reply());
        if (found.isPresent()) {
            record(entry, found.get(), true);
        } else {
            // The network does not have it: the earlier attempt never arrived, and sending now is not a repeat.
            later(entry, ReplyState.QUEUED, Duration.ZERO, "Not found at the network after an unknown outcome.", false);
        }
    }

    private void record(Outbox.Entry entry, Delivery delivery, boolean reconciled) {
        transactions.executeWithoutResult(tx -> {
            if (!outbox.delivered(entry.id(), node, delivery)) {
                return; // another worker took it over after this one's lease ran out, and reconciles it
            }
            inbox.record(entry.workspace(), List.of(), List.of(message(entry, delivery)));
            events.publishEvent(new ReplyEvents.ReplyDelivered(
                    entry.workspace(),
                    Actor.SYSTEM,
                    entry.id(),
                    entry.conversation(),
                    delivery.externalId(),
                    reconciled));
        });
    }

    private static IncomingMessage message(Outbox.Entry entry, Delivery delivery) {
        return new IncomingMessage(
                entry.account(),
                entry.network(),
                delivery.externalId(),
                entry.reply().parentExternalId(),
                null,
                null,
                entry.kind(),
                Direction.OUTBOUND,
                entry.authorName(),
                entry.authorHandle() == null ? entry.authorName() : entry.authorHandle(),
                null,
                entry.reply().text(),
                null,
                null,
                null,
                null,
                null,
                delivery.at(),
                null);
    }

    private void handle(Outbox.Entry entry, ConnectorFailure failure) {
        switch (failure.kind()) {
            case RATE_LIMITED ->
                later(
                        entry,
                        ReplyState.QUEUED,
                        failure.retryAfter() == null ? Duration.ofMinutes(1) : failure.retryAfter(),
                        "The network asked to wait: " + failure.getMessage(),
                        false);
            case UNKNOWN_OUTCOME -> {
                if (entry.attempts() >= properties.maxAttempts()) {
                    fail(
                            entry,
                            "Whether the network has this reply is still not known after " + entry.attempts()
                                    + " attempts; look at the network before writing it again.");
                } else {
                    later(entry, ReplyState.UNKNOWN, properties.reconcileAfter(), failure.getMessage(), true);
                }
            }
            case UNAVAILABLE -> {
                if (entry.attempts() >= properties.maxAttempts()) {
                    fail(
                            entry,
                            "The network could not be reached after " + entry.attempts() + " attempts: "
                                    + failure.getMessage());
                } else {
                    later(entry, ReplyState.QUEUED, backoff(entry.attempts()), failure.getMessage(), true);
                }
            }
            default -> fail(entry, failure.getMessage());
        }
    }

    /** 30 s, 1 min, 2 min, … up to the configured maximum. */
    private Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(30).multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void later(Outbox.Entry entry, ReplyState state, Duration wait, String problem, boolean countAttempt) {
        Instant next = clock.instant().plus(wait);
        transactions.executeWithoutResult(tx -> outbox.retry(entry.id(), node, state, next, problem, countAttempt));
    }

    private void fail(Outbox.Entry entry, String problem) {
        transactions.executeWithoutResult(tx -> {
            outbox.failed(entry.id(), node, problem);
            events.publishEvent(new ReplyEvents.ReplyFailed(
                    entry.workspace(), Actor.SYSTEM, entry.id(), entry.conversation(), problem));
        });
    }

    private void round() {
        while (runOnce() == BATCH) {
            // a full batch: there may be more
        }
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
