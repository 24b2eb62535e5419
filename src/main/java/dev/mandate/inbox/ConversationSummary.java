package dev.mandate.inbox;

import java.time.Instant;

/**
 * A conversation as the inbox list shows it: what it sits under, where it stands, and the start of its first
 * message.
 *
 * @param author the name of the first message's author
 * @param preview the beginning of the first message's text
 * @param messageCount how many messages the conversation has
 */
public record ConversationSummary(
        ConversationId id,
        String network,
        String contextTitle,
        ConversationState state,
        Priority priority,
        String language,
        Instant startedAt,
        Instant lastMessageAt,
        String author,
        String preview,
        int messageCount) {

    /** The cursor that continues a list after this conversation. */
    public ConversationCursor cursor() {
        return new ConversationCursor(lastMessageAt, id);
    }
}
