package dev.mandate.publish;

import dev.mandate.inbox.ConversationId;
import java.time.Instant;

/**
 * An outgoing reply as the conversation page and the API show it.
 *
 * @param externalId the network's id for it, once delivered
 * @param problem why it failed or is waiting, for people; never a secret
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
        String problem) {}
