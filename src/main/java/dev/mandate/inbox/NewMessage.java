package dev.mandate.inbox;

import dev.mandate.shared.InvalidInput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A message as it arrived or was sent, for {@link Inbox#start}. The caller chooses the message's id so that a
 * reply can name its parent before either is stored.
 *
 * @param id the message's id
 * @param parentId the message it replies to, or {@code null} for a message at the top of the thread
 * @param externalId the network's id of the message, where it has one
 * @param authorName the name the author shows on the network
 * @param authorHandle the author's handle or address on the network, where it has one
 * @param direction inbound from a customer, or outbound from the brand
 * @param body the text, as written
 * @param language the language of the text as an ISO 639-1 code, where known
 * @param createdAt when the network says it was written
 */
public record NewMessage(
        MessageId id,
        MessageId parentId,
        String externalId,
        String authorName,
        String authorHandle,
        Direction direction,
        String body,
        String language,
        Instant createdAt) {

    public NewMessage {
        Objects.requireNonNull(id, "id");
        if (authorName == null || authorName.isBlank()) {
            throw new InvalidInput("authorName", "A message needs its author's name.");
        }
        if (direction == null) {
            throw new InvalidInput("direction", "A message is either inbound or outbound.");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidInput("body", "A message needs a text.");
        }
        if (createdAt == null) {
            throw new InvalidInput("createdAt", "A message needs the time it was written.");
        }
        if (id.equals(parentId)) {
            throw new InvalidInput("parentId", "A message cannot reply to itself.");
        }
        authorName = authorName.trim();
        language = NewConversation.languageCode(language);
        // PostgreSQL keeps microseconds; keep what will be read back, so that cursors compare exactly.
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** A message from a customer at the top of the thread. */
    public static NewMessage inbound(String authorName, String authorHandle, String body, String language, Instant at) {
        return new NewMessage(
                MessageId.random(), null, null, authorName, authorHandle, Direction.INBOUND, body, language, at);
    }

    /** A reply to this message. */
    public NewMessage reply(
            Direction direction, String authorName, String authorHandle, String body, String language, Instant at) {
        return new NewMessage(MessageId.random(), id, null, authorName, authorHandle, direction, body, language, at);
    }
}
