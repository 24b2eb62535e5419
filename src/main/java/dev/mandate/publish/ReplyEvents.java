package dev.mandate.publish;

import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to the brand's outgoing replies; each is written to the audit trail. */
public final class ReplyEvents {

    private ReplyEvents() {}

    /** A member wrote a reply; it is queued to go out. */
    public record ReplyQueued(
            WorkspaceId workspaceId, Actor actor, ReplyId reply, ConversationId conversation, String network)
            implements AuditableEvent {

        @Override
        public String action() {
            return "reply.queued";
        }

        @Override
        public String subjectType() {
            return "reply";
        }

        @Override
        public String subjectId() {
            return reply.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("conversation", conversation.toString(), "network", network);
        }
    }

    /** The network has the reply. */
    public record ReplyDelivered(
            WorkspaceId workspaceId,
            Actor actor,
            ReplyId reply,
            ConversationId conversation,
            String externalId,
            boolean reconciled)
            implements AuditableEvent {

        @Override
        public String action() {
            return "reply.delivered";
        }

        @Override
        public String subjectType() {
            return "reply";
        }

        @Override
        public String subjectId() {
            return reply.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of(
                    "conversation", conversation.toString(),
                    "externalId", externalId,
                    "reconciled", Boolean.toString(reconciled));
        }
    }

    /** The reply will not go out without a person acting. */
    public record ReplyFailed(
            WorkspaceId workspaceId, Actor actor, ReplyId reply, ConversationId conversation, String reason)
            implements AuditableEvent {

        @Override
        public String action() {
            return "reply.failed";
        }

        @Override
        public String subjectType() {
            return "reply";
        }

        @Override
        public String subjectId() {
            return reply.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("conversation", conversation.toString(), "reason", reason);
        }
    }

    /**
     * A person sent a failed reply again; {@code lookedUpFirst} when the network may have it, so that it is looked up
     * there before it is sent.
     */
    public record ReplyRetried(
            WorkspaceId workspaceId,
            Actor actor,
            ReplyId reply,
            ConversationId conversation,
            boolean lookedUpFirst,
            String problem)
            implements AuditableEvent {

        @Override
        public String action() {
            return "reply.retried";
        }

        @Override
        public String subjectType() {
            return "reply";
        }

        @Override
        public String subjectId() {
            return reply.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of(
                    "conversation", conversation.toString(),
                    "lookedUpFirst", Boolean.toString(lookedUpFirst),
                    "problem", problem == null ? "" : problem);
        }
    }

    /** A person gave up on a failed reply; it will not go out. */
    public record ReplyDiscarded(
            WorkspaceId workspaceId, Actor actor, ReplyId reply, ConversationId conversation, String problem)
            implements AuditableEvent {

        @Override
        public String action() {
            return "reply.discarded";
        }

        @Override
        public String subjectType() {
            return "reply";
        }

        @Override
        public String subjectId() {
            return reply.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("conversation", conversation.toString(), "problem", problem == null ? "" : problem);
        }
    }
}
