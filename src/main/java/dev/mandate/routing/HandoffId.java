package dev.mandate.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies one hand-off of a conversation to the brand. */
public record HandoffId(UUID value) {

    public HandoffId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static HandoffId parse(String value) {
        try {
            return new HandoffId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("hand-off");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
