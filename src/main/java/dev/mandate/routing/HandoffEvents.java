package dev.mandate.routing;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens at the escalation interface; each is written to the audit trail in the transaction that does it. */
public final class HandoffEvents {

    private HandoffEvents() {}

    /**
     * A hand-off was opened, answered, taken over or returned ({@code handoff.opened}, {@code handoff.answered},
     * {@code handoff.taken-over}, {@code handoff.returned}).
     */
    public record HandoffChanged(
            WorkspaceId workspaceId, Actor actor, String action, HandoffId handoff, Map<String, String> details)
            implements AuditableEvent {

        public HandoffChanged {
            details = Map.copyOf(details);
        }

        @Override
        public String subjectType() {
            return "handoff";
        }

        @Override
        public String subjectId() {
            return handoff.toString();
        }
    }

    /**
     * A briefing entry or canned reply was created, changed or removed, or the hand-off notification settings changed
     * ({@code briefing.created}, {@code canned-reply.deleted}, {@code handoff-settings.changed}, …).
     */
    public record BriefingChanged(
            WorkspaceId workspaceId,
            Actor actor,
            String action,
            String subjectType,
            String subjectId,
            Map<String, String> details)
            implements AuditableEvent {

        public BriefingChanged {
            details = Map.copyOf(details);
        }
    }

    /** A notification could not be delivered and will not be tried again. */
    public record NotificationFailed(
            WorkspaceId workspaceId, Actor actor, String notification, String via, String event, String reason)
            implements AuditableEvent {

        @Override
        public String action() {
            return "notification.failed";
        }

        @Override
        public String subjectType() {
            return "notification";
        }

        @Override
        public String subjectId() {
            return notification;
        }

        @Override
        public Map<String, String> details() {
            return Map.of("via", via, "event", event, "reason", reason);
        }
    }
}
