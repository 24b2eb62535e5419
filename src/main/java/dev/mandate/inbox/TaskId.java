package dev.mandate.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies a follow-up task. */
public record TaskId(UUID value) {

    public TaskId {
        Objects.requireNonNull(value, "value");
    }

    /** The task id in a path, or {@link NotFound} when it is not one. */
    public static TaskId parse(String id) {
        try {
            return new TaskId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFound("task");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
