package dev.mandate.channel;

import java.util.List;
import java.util.Objects;

/**
 * A reply the brand sends through a {@link Connector}.
 *
 * @param key a unique key for this reply (the outbox id): the adapter puts it where it can find it again
 *     ({@link Connector#findReply}), e.g. in comment meta or a Message-ID
 * @param parentExternalId the item answered (a comment id, a Message-ID)
 * @param threadRoot the post or thread it belongs to (a post id, the first Message-ID), if known
 * @param recipient who receives it, where the network needs it (an e-mail address); may be {@code null}
 * @param subject a subject, where the network has one; may be {@code null}
 * @param text the reply, plain text
 * @param references earlier ids of the thread, oldest first (e-mail's References); may be empty
 */
public record Reply(
        String key,
        String parentExternalId,
        String threadRoot,
        String recipient,
        String subject,
        String text,
        List<String> references) {

    public Reply {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
