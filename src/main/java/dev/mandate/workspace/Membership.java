package dev.mandate.workspace;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;

/** A person's place in one workspace: what every page and endpoint checks before it shows or changes anything. */
public record Membership(WorkspaceRef workspace, AccountId accountId, String displayName, Role role) {

    public WorkspaceId workspaceId() {
        return workspace.id();
    }

    public Party party() {
        return role.party();
    }

    /** Advisors read everything and change nothing. */
    public boolean mayChange() {
        return role.party() != Party.ADVISOR;
    }

    public boolean isBrandOwner() {
        return role == Role.OWNER;
    }

    /** Brand members and advisors read the audit trail; the agency works under it. */
    public boolean mayReadAuditTrail() {
        return role.party() != Party.AGENCY;
    }

    public Membership requireMayChange() {
        if (!mayChange()) {
            throw new Forbidden("Advisors can read this workspace but not change it.");
        }
        return this;
    }

    public Actor actor() {
        return new Actor(accountId, displayName, role.party());
    }
}
