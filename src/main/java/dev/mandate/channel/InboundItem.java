package dev.mandate.channel;

import java.time.Instant;
import java.util.List;

/**
 * One thing a source delivered, normalised: a post, a comment or reply, a pingback, a mention, a direct or
 * e-mail message, or a monitoring hit.
 *
 * @param account the channel account it arrived on (its id)
 * @param network the account's network, if the source says it (checked against the account)
 * @param externalId the source's id for it, unique per account
 * @param parentExternalId what it replies to: a message, or the post for a top-level comment; {@code null} if nothing
 * @param threadRoot the post it sits under (comments, pingbacks) or the thread it belongs to (direct messages, e-mail)
 * @param kind what it is
 * @param author who wrote it
 * @param text its text (plain)
 * @param html its HTML, if the source has it; never rendered unescaped
 * @param title a post's title
 * @param url a link to it at the source
 * @param language its language (ISO 639-1) if the source knows it
 * @param links the links it contains
 * @param attachments what came with it
 * @param createdAt when it was written
 * @param raw the source's payload as JSON text, kept for later reprocessing
 */
public record InboundItem(
        String account,
        String network,
        String externalId,
        String parentExternalId,
        String threadRoot,
        Kind kind,
        Author author,
        String text,
        String html,
        String title,
        String url,
        String language,
        List<String> links,
        List<Attachment> attachments,
        Instant createdAt,
        String raw) {

    public InboundItem {
        links = links == null ? List.of() : List.copyOf(links);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The same item, as arrived on {@code accountId} (connectors leave the account to the runtime). */
    public InboundItem onAccount(String accountId) {
        return new InboundItem(
                accountId,
                network,
                externalId,
                parentExternalId,
                threadRoot,
                kind,
                author,
                text,
                html,
                title,
                url,
                language,
                links,
                attachments,
                createdAt,
                raw);
    }

    /** What an item is. */
    public enum Kind {
        POST,
        COMMENT,
        PINGBACK,
        MENTION,
        DIRECT_MESSAGE,
        EMAIL,
        MONITORING
    }

    /**
     * Who wrote it: their handle on the network (the address for e-mail), the name shown, and whether the source
     * knows it was the brand itself (otherwise the account's brand handles decide).
     */
    public record Author(String handle, String name, Boolean brand) {}

    /** A file or media item that came with the message. */
    public record Attachment(String url, String mediaType, String name) {}
}
