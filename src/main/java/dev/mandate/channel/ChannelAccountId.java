package dev.mandate.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies one account of a workspace on one network. */
public record ChannelAccountId(UUID value) {

    public ChannelAccountId {
        Objects.requireNonNull(value, "value");
    }

    /** Reads an id from a path or JSON; an unreadable one is simply not found. */
    @JsonCreator
    public static ChannelAccountId parse(String value) {
        try {
            return new ChannelAccountId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("channel account");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
