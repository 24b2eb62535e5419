package dev.mandate.routing;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to a workspace's routing rules, for the audit trail. */
final class RoutingEvents {

    private RoutingEvents() {}

    /** A version of the rule set was saved (as a draft, or approved at once by a brand owner). */
    record RuleSetSaved(WorkspaceId workspaceId, Actor actor, int version, String changes, boolean approved)
            implements AuditableEvent {

        @Override
        public String action() {
            return "routing.rule-set-saved";
        }

        @Override
        public String subjectType() {
            return "rule-set";
        }

        @Override
        public String subjectId() {
            return String.valueOf(version);
        }

        @Override
        public Map<String, String> details() {
            return Map.of("changes", changes, "approved", String.valueOf(approved));
        }
    }

    /** A brand owner approved a version: it is in force from now on. */
    record RuleSetApproved(WorkspaceId workspaceId, Actor actor, int version) implements AuditableEvent {

        @Override
        public String action() {
            return "routing.rule-set-approved";
        }

        @Override
        public String subjectType() {
            return "rule-set";
        }

        @Override
        public String subjectId() {
            return String.valueOf(version);
        }
    }

    /** A rule failed at run time and is disabled in its version until a new version is approved. */
    record RuleDisabled(WorkspaceId workspaceId, int version, String ruleId, String reason) implements AuditableEvent {

        @Override
        public Actor actor() {
            return Actor.SYSTEM;
        }

        @Override
        public String action() {
            return "routing.rule-disabled";
        }

        @Override
        public String subjectType() {
            return "rule";
        }

        @Override
        public String subjectId() {
            return ruleId;
        }

        @Override
        public Map<String, String> details() {
            return Map.of("version", String.valueOf(version), "reason", reason);
        }
    }
}
