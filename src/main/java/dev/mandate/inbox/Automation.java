package dev.mandate.inbox;

import dev.mandate.shared.Actor;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.util.Objects;

/**
 * Something that is not a person working on a workspace's conversations, e.g. a routing rule; the conversation's
 * activity and the audit trail name it as people read it ({@code rule 'Purchase leads' v3}), acting for the system.
 */
public record Automation(WorkspaceId workspaceId, String name) {

    public Automation {
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
    }

    public Actor actor() {
        return new Actor(null, name, Party.SYSTEM);
    }
}
