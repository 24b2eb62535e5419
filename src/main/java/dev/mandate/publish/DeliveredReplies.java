package dev.mandate.publish;

import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.IncomingMessage;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records a delivered reply as the brand's message in its conversation, after the network's id is stored. A hand-over
 * through the event publication registry: if recording fails or the process stops first, the event is delivered
 * again (at the latest on restart), and the inbox's dedupe on the network's id makes a second delivery harmless.
 */
@Component
class DeliveredReplies {

    private final Outbox outbox;
    private final Inbox inbox;

    DeliveredReplies(Outbox outbox, Inbox inbox) {
        this.outbox = outbox;
        this.inbox = inbox;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(ReplyEvents.ReplyDelivered delivered) {
        Outbox.Entry entry = outbox.delivered(delivered.reply()).orElseThrow();
        OutgoingReply reply =
                outbox.find(delivered.workspaceId(), delivered.reply()).orElseThrow();
        inbox.record(
                entry.workspace(),
                List.of(),
                List.of(new IncomingMessage(
                        entry.account(),
                        entry.network(),
                        reply.externalId(),
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
                        reply.deliveredAt(),
                        null)));
    }
}
