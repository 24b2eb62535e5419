package dev.mandate.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of the inbox list ends, in the list's order: the next page holds the conversations after it. Passed
 * on as an opaque token, so that clients do not build cursors of their own; a token of one order is refused for
 * another.
 *
 * @param at the time the list is ordered by: the last message's, or since when it has waited
 */
public record ConversationCursor(ConversationSort sort, Instant at, ConversationId id) {

    public ConversationCursor {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    /** A position in the newest-first list. */
    public ConversationCursor(Instant lastMessageAt, ConversationId id) {
        this(ConversationSort.NEWEST, lastMessageAt, id);
    }

    @JsonValue
    public String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sort.ordinal() + "/" + at + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in a token of the newest-first list, or {@link InvalidInput} when the token is not one. */
    public static ConversationCursor parse(String token) {
        return parse(token, ConversationSort.NEWEST);
    }

    /** The cursor in a token of the list in this order, or {@link InvalidInput} when the token is not one. */
    public static ConversationCursor parse(String token, ConversationSort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", 3);
            ConversationCursor cursor = new ConversationCursor(
                    ConversationSort.values()[Integer.parseInt(parts[0])],
                    Instant.parse(parts[1]),
                    new ConversationId(UUID.fromString(parts[2])));
            if (cursor.sort() == sort) {
                return cursor;
            }
        } catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException e) {
            // below
        }
        throw new InvalidInput("after", "This is not a position in the inbox list in this order.");
    }
}
