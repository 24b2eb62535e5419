package dev.mandate.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of the inbox list ends: the next page holds the conversations older than this one. Passed on as
 * an opaque token, so that clients do not build cursors of their own.
 */
public record ConversationCursor(Instant lastMessageAt, ConversationId id) {

    public ConversationCursor {
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        Objects.requireNonNull(id, "id");
    }

    @JsonValue
    public String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((lastMessageAt + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in a token, or {@link InvalidInput} when the token is not one. */
    public static ConversationCursor parse(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", 2);
            return new ConversationCursor(
                    Instant.parse(parts[0]), new ConversationId(java.util.UUID.fromString(parts[1])));
        } catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidInput("before", "This is not a position in the inbox list.");
        }
    }
}
