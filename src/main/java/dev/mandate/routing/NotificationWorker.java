package dev.mandate.routing;

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
 * Sends the notification outbox: claims one due notification at a time under a lease (committed before anything is
 * sent, so no transaction is held open while a mail server or a webhook answers), sends it, and records the outcome.
 * A transient failure is tried again after a growing wait; after the last attempt, or at once when trying again
 * cannot help, the notification fails with the reason, visible on the hand-offs page and in the audit trail.
 */
@Component
public class NotificationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
    private static final int MOST_PER_ROUND = 50;

    private final Notifications notifications;
    private final MailNotifier mail;
    private final WebhookNotifier webhooks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final HandoffProperties.Notifications settings;
    private final Clock clock;
    private final Repeating repeating;

    NotificationWorker(
            Notifications notifications,
            MailNotifier mail,
            WebhookNotifier webhooks,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            HandoffProperties properties,
            Clock clock) {
        this.notifications = notifications;
        this.mail = mail;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.events = events;
        this.settings = properties.notifications();
        this.clock = clock;
        this.repeating = new Repeating("notifications", settings.interval(), this::runOnce);
    }

    /** One round now: how many notifications it took. */
    public int runOnce() {
        List<UUID> taken = new ArrayList<>();
        while (taken.size() < MOST_PER_ROUND) {
            Instant now = clock.instant();
            Optional<Notifications.Notification> claimed =
                    transactions.execute(tx -> notifications.claim(now, now.plus(settings.lease()), taken));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            taken.add(claimed.get().id());
            take(claimed.get());
        }
        return taken.size();
    }

    private void take(Notifications.Notification notification) {
        try {
            switch (notification.via()) {
                case EMAIL -> mail.send(notification);
                case WEBHOOK -> webhooks.send(notification, clock.instant().getEpochSecond());
            }
            transactions.executeWithoutResult(tx -> notifications.sent(notification.id()));
        } catch (NotificationFailure failure) {
            if (failure.permanent() || notification.attempts() >= settings.maxAttempts()) {
                fail(
                        notification,
                        failure.getMessage()
                                + (failure.permanent()
                                        ? ""
                                        : " Gave up after " + notification.attempts() + " attempts."));
            } else {
                Duration wait = backoff(notification.attempts());
                transactions.executeWithoutResult(tx ->
                        notifications.later(notification.id(), clock.instant().plus(wait), failure.getMessage()));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Notification {} ended unexpectedly ({})",
                    notification.id(),
                    e.getClass().getSimpleName());
            fail(notification, "Sending ended unexpectedly (" + e.getClass().getSimpleName() + ").");
        }
    }

    private void fail(Notifications.Notification notification, String reason) {
        transactions.executeWithoutResult(tx -> {
            notifications.failed(notification.id(), reason);
            events.publishEvent(new HandoffEvents.NotificationFailed(
                    notification.workspace(),
                    Actor.SYSTEM,
                    notification.id().toString(),
                    notification.via().name(),
                    notification.event(),
                    reason));
        });
    }

    private Duration backoff(int attempts) {
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    @Override
    public void start() {
        if (settings.enabled()) {
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
