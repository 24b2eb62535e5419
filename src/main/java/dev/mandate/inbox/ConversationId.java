package dev.mandate.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies a conversation within its workspace. */
public record ConversationId(@JsonValue UUID value) {

    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /** The conversation id in a path, or {@link NotFound} when it is not one. */
    public static ConversationId parse(String id) {
        try {
            return new ConversationId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
