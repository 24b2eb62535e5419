package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.time.Instant;

/**
 * A message was stored in a conversation for the first time (a repeated delivery publishes nothing). Published
 * in the storing transaction and kept in the event publication registry, so listeners get it even after a crash.
 */
public record MessageReceived(
        WorkspaceId workspaceId,
        ConversationId conversationId,
        MessageId messageId,
        Direction direction,
        String network,
        Instant createdAt) {}
