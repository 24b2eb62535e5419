package dev.mandate.routing;

import dev.mandate.inbox.ConversationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation handed to the brand: the same record for both sides.
 *
 * @param context the beginning of the conversation's first message, for reading without opening it
 * @param requestedBy who handed it over, as people read it (a member's name, or a rule)
 * @param ruleId the routing rule that handed it over, or {@code null} when a person did
 * @param closedBy who answered, took it over or returned it
 * @param answer the brand's answer to the agency, or why it was returned
 * @param briefingEntryId the briefing entry made from the answer, if any
 * @param overdue still open past its deadline
 */
public record Handoff(
        HandoffId id,
        ConversationId conversationId,
        String question,
        String context,
        Instant deadline,
        HandoffState state,
        String requestedBy,
        String ruleId,
        int ruleVersion,
        Instant openedAt,
        Instant closedAt,
        String closedBy,
        String answer,
        UUID briefingEntryId,
        boolean overdue) {

    public boolean open() {
        return state == HandoffState.OPEN;
    }

    /** Answered or taken over by the deadline. */
    public boolean inTime() {
        return closedAt != null && state != HandoffState.RETURNED && !closedAt.isAfter(deadline);
    }
}
