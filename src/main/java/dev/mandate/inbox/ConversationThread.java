package dev.mandate.inbox;

import java.time.Instant;
import java.util.List;

/** A conversation with the post it sits under and all its messages in thread order. */
public record ConversationThread(
        ConversationId id,
        String network,
        String contextTitle,
        String contextUrl,
        ConversationState state,
        Priority priority,
        String language,
        Instant startedAt,
        Instant lastMessageAt,
        List<ThreadMessage> messages) {

    public ConversationThread {
        messages = List.copyOf(messages);
    }
}
