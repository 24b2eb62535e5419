package dev.mandate.publish;

import dev.mandate.inbox.ConversationId;
import java.time.Instant;

/**
 * An outgoing reply as the conversation page and the API show it.
 *
 * @param externalId the network's id for it, once delivered
 * @param problem why it failed or is waiting, for people; never a secret
 * @param outcomeUnknown for a failed or discarded reply: the network may have it after all (the last send's outcome
 *     could not be settled); sent again, it is looked up there first and sent only if the network does not have it
 */
public record OutgoingReply(
        ReplyId id,
        ConversationId conversationId,
        ReplyState state,
        String text,
        String authorName,
        Instant createdAt,
        int attempts,
        Instant nextAttemptAt,
        String externalId,
        String url,
        Instant deliveredAt,
        String problem,
        boolean outcomeUnknown) {

    /** Whether it waits for a person to send it again or discard it: only a failed reply does. */
    public boolean failed() {
        return state == ReplyState.FAILED;
    }

    /** Whether the reply box lists it: delivered replies show in the thread, discarded ones nowhere. */
    public boolean pending() {
        return state != ReplyState.DELIVERED && state != ReplyState.DISCARDED;
    }

    void requireFailed() {
        if (!failed()) {
            throw new ReplyNotFailed(state);
        }
    }
}
