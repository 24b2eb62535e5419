package dev.mandate.classify;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to a workspace's classification: the decisions its own model learns from. */
public final class ClassifyEvents {

    private ClassifyEvents() {}

    /**
     * A moderator decided a message's spam verdict or intent; the workspace's own model learns from it.
     *
     * @param kind {@code spam} or {@code intent}
     * @param value {@code spam}, {@code not_spam}, or the intent's label
     */
    public record DecisionRecorded(WorkspaceId workspaceId, Actor actor, long decisionId, String kind, String value)
            implements AuditableEvent {

        @Override
        public String action() {
            return "classify.decision-recorded";
        }

        @Override
        public String subjectType() {
            return "classification-decision";
        }

        @Override
        public String subjectId() {
            return Long.toString(decisionId);
        }

        @Override
        public Map<String, String> details() {
            return Map.of("kind", kind, "value", value);
        }
    }
}
