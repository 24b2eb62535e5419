package dev.mandate.inbox;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Party;
import java.time.Instant;
import java.util.List;

/**
 * A conversation as the inbox list shows it: what it sits under, where it stands, who has it, and the start of its
 * first message.
 *
 * @param kind a comment, mention, direct message …
 * @param waitingSince since when the customer has waited for an answer; {@code null} when answered
 * @param assignedParty the party answering it, if assigned
 * @param assignee the person answering it, if assigned
 * @param author the name of the first message's author
 * @param preview the beginning of the first message's text
 * @param messageCount how many messages the conversation has
 */
public record ConversationSummary(
        ConversationId id,
        String network,
        ConversationKind kind,
        String contextTitle,
        ConversationState state,
        Priority priority,
        String language,
        Instant startedAt,
        Instant lastMessageAt,
        Instant waitingSince,
        Party assignedParty,
        AccountId assignee,
        List<String> tags,
        String author,
        String preview,
        int messageCount) {

    public ConversationSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The cursor that continues the newest-first list after this conversation. */
    public ConversationCursor cursor() {
        return cursor(ConversationSort.NEWEST);
    }

    /** The cursor that continues the list in this order after this conversation. */
    public ConversationCursor cursor(ConversationSort sort) {
        return switch (sort) {
            case NEWEST -> new ConversationCursor(sort, lastMessageAt, id);
            case OLDEST_WAITING -> new ConversationCursor(sort, waitingSince, id);
        };
    }
}
