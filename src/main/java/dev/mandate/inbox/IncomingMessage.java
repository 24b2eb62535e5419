package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.classify.Classification;
import dev.mandate.contact.ContactId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message as ingest hands it to the inbox: normalised, validated, its author matched to a contact (inbound
 * only) and its direction decided.
 *
 * @param parentExternalId the message it replies to; {@code null} (or the post's id) for a top-level item
 * @param contextExternalId the post it sits under, if any: the conversation's context
 * @param threadKey the thread it belongs to when it has no parent (a direct-message thread's id); {@code null}
 *     for a top-level comment, whose own external id starts the thread
 * @param links JSON array text, or {@code null}
 * @param attachments JSON array text, or {@code null}
 * @param raw the payload as the source sent it, JSON text, or {@code null}
 * @param title its own title where it has one (an e-mail's subject, a feed entry's headline), or {@code null}; the
 *     title of a conversation it starts without a post above it
 * @param classification what the classifiers said of an inbound message, or {@code null} (the brand's own messages)
 * @param textHash the hash of its normalised text, for finding the same text elsewhere; {@code null} for short text
 */
public record IncomingMessage(
        ChannelAccountId account,
        String network,
        String externalId,
        String parentExternalId,
        String contextExternalId,
        String threadKey,
        ConversationKind kind,
        Direction direction,
        String authorName,
        String authorHandle,
        ContactId contact,
        String body,
        String html,
        String language,
        String links,
        String attachments,
        String raw,
        Instant createdAt,
        String title,
        Classification classification,
        Long textHash) {

    public IncomingMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A message nobody classified (the brand's own, or one recorded outside ingest). */
    public IncomingMessage(
            ChannelAccountId account,
            String network,
            String externalId,
            String parentExternalId,
            String contextExternalId,
            String threadKey,
            ConversationKind kind,
            Direction direction,
            String authorName,
            String authorHandle,
            ContactId contact,
            String body,
            String html,
            String language,
            String links,
            String attachments,
            String raw,
            Instant createdAt,
            String title) {
        this(
                account,
                network,
                externalId,
                parentExternalId,
                contextExternalId,
                threadKey,
                kind,
                direction,
                authorName,
                authorHandle,
                contact,
                body,
                html,
                language,
                links,
                attachments,
                raw,
                createdAt,
                title,
                null,
                null);
    }

    /** The same message with what the classifiers said of it. */
    public IncomingMessage classified(Classification classification, Long textHash) {
        return new IncomingMessage(
                account,
                network,
                externalId,
                parentExternalId,
                contextExternalId,
                threadKey,
                kind,
                direction,
                authorName,
                authorHandle,
                contact,
                body,
                html,
                language,
                links,
                attachments,
                raw,
                createdAt,
                title,
                classification,
                textHash);
    }
}
