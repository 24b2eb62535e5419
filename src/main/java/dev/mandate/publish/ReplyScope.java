package dev.mandate.publish;

import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.shared.Party;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Scope;
import dev.mandate.workspace.WorkspaceService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the mandate lets a member reply in a conversation. The brand's own members always may; the agency only
 * while the mandate gives it community replies and the conversation is not escalated to the brand.
 */
@Component
class ReplyScope {

    private final WorkspaceService workspaces;

    ReplyScope(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    /** The rule that refuses the member a reply here, or empty when they may reply. */
    Optional<ReplyOutsideMandate.Rule> refusal(Membership member, ConversationThread thread) {
        if (member.party() != Party.AGENCY) {
            return Optional.empty();
        }
        boolean inScope = workspaces
                .terms(member)
                .map(terms -> terms.covers(Scope.COMMUNITY_REPLIES))
                .orElse(false);
        if (!inScope) {
            return Optional.of(ReplyOutsideMandate.Rule.COMMUNITY_REPLIES_NOT_IN_SCOPE);
        }
        if (thread.state() == ConversationState.ESCALATED) {
            return Optional.of(ReplyOutsideMandate.Rule.ESCALATED_TO_BRAND);
        }
        return Optional.empty();
    }

    void require(Membership member, ConversationThread thread) {
        Optional<ReplyOutsideMandate.Rule> refusal = refusal(member, thread);
        if (refusal.isPresent()) {
            throw new ReplyOutsideMandate(refusal.get());
        }
    }
}
