package dev.mandate.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a workspace: one brand and everything that belongs to it. */
public record WorkspaceId(UUID value) {

    /** The chain of instance-wide audit entries, which belong to no workspace. */
    public static final WorkspaceId INSTANCE = new WorkspaceId(new UUID(0, 0));

    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkspaceId random() {
        return new WorkspaceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
