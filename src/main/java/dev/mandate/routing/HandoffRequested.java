package dev.mandate.routing;

import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation is to be handed to the brand: by a routing rule or by an agency member. The hand-off opens from its entry in the event publication registry (written in the requesting transaction), so a requested hand-off
 * is never lost.
 *
 * @param question what the brand is asked, shown with the conversation's context
 * @param deadline when the brand's answer is due
 * @param requestedBy who asked, as people read it: {@code rule 'Purchase leads' v3} or a member's name
 * @param ruleId the rule that asked, or {@code null} when a person did
 * @param ruleVersion the version of the rule set that asked, or 0 when a person did
 */
public record HandoffRequested(
        WorkspaceId workspaceId,
        ConversationId conversationId,
        String question,
        Instant deadline,
        String requestedBy,
        String ruleId,
        int ruleVersion) {

    public HandoffRequested {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
