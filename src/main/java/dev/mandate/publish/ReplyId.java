package dev.mandate.publish;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies one outgoing reply; it is also the key the connector puts into the reply to find it again. */
public record ReplyId(UUID value) {

    public ReplyId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static ReplyId parse(String value) {
        try {
            return new ReplyId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("reply");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
