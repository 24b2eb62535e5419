package dev.mandate.workspace;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to workspaces, their members and their mandate. */
public final class WorkspaceEvents {

    private WorkspaceEvents() {}

    /** A workspace was created with its first owner. */
    public record WorkspaceCreated(WorkspaceId workspaceId, Actor actor, String name, AccountId owner)
            implements AuditableEvent {

        @Override
        public String action() {
            return "workspace.created";
        }

        @Override
        public String subjectType() {
            return "workspace";
        }

        @Override
        public String subjectId() {
            return workspaceId.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("name", name, "owner", owner.toString());
        }
    }

    /** Someone became a member. */
    public record MemberInvited(WorkspaceId workspaceId, Actor actor, AccountId account, String email, Role role)
            implements AuditableEvent {

        @Override
        public String action() {
            return "member.invited";
        }

        @Override
        public String subjectType() {
            return "member";
        }

        @Override
        public String subjectId() {
            return account.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("email", email, "role", role.name());
        }
    }

    /** Someone stopped being a member. */
    public record MemberRemoved(WorkspaceId workspaceId, Actor actor, AccountId account, Role role)
            implements AuditableEvent {

        @Override
        public String action() {
            return "member.removed";
        }

        @Override
        public String subjectType() {
            return "member";
        }

        @Override
        public String subjectId() {
            return account.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("role", role.name());
        }
    }

    /** The mandate was set up or changed; {@code changes} names each changed field with its new value. */
    public record MandateChanged(WorkspaceId workspaceId, Actor actor, Map<String, String> changes)
            implements AuditableEvent {

        @Override
        public String action() {
            return "mandate.changed";
        }

        @Override
        public String subjectType() {
            return "mandate";
        }

        @Override
        public String subjectId() {
            return workspaceId.toString();
        }

        @Override
        public Map<String, String> details() {
            return changes;
        }
    }
}
