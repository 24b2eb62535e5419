package dev.mandate.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one message of a conversation. */
public record MessageId(@JsonValue UUID value) {

    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    /** A message id from a path; one that is no id names no message. */
    public static MessageId parse(String id) {
        try {
            return new MessageId(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new dev.mandate.shared.NotFound("message");
        }
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
