package dev.mandate.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies one platform incident. */
public record IncidentId(UUID value) {

    public IncidentId {
        Objects.requireNonNull(value, "value");
    }

    /** Reads an id from a path or JSON; an unreadable one is simply not found. */
    @JsonCreator
    public static IncidentId parse(String value) {
        try {
            return new IncidentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("incident");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
