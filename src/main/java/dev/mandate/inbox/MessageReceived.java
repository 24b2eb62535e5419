package dev.mandate.inbox;

import dev.mandate.classify.Classification;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;

/**
 * A message was stored in a conversation for the first time (a repeated delivery publishes nothing). Published
 * in the storing transaction and kept in the event publication registry, so listeners get it even after a crash.
 *
 * @param classification what the classifiers said of an inbound message; {@code null} for the brand's own messages
 */
public record MessageReceived(
        WorkspaceId workspaceId,
        ConversationId conversationId,
        MessageId messageId,
        Direction direction,
        String network,
        Instant createdAt,
        Classification classification) {}
