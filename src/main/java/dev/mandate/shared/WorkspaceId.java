package dev.mandate.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a workspace: one brand and everything that belongs to it. */
public record WorkspaceId(UUID value) {

    /** The chain of instance-wide audit entries, which belong to no workspace. */
    public static final WorkspaceId INSTANCE = new WorkspaceId(new UUID(0, 0));

    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    /** Reads the id from its JSON or path form. */
    @JsonCreator
    public static WorkspaceId of(String value) {
        return new WorkspaceId(UUID.fromString(value));
    }

    public static WorkspaceId random() {
        return new WorkspaceId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
