package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * A post that conversations sit under, as a channel delivered it.
 *
 * @param body the post's text (kept up to {@link #MAX_BODY} characters), against which the topic of the comments
 *     under it is judged; {@code null} when not known
 */
public record IncomingContext(
        ChannelAccountId account,
        String externalId,
        String title,
        String url,
        String excerpt,
        String authorName,
        Instant publishedAt,
        String body) {

    /** The most of a post's text that is kept. */
    public static final int MAX_BODY = 20_000;

    public IncomingContext {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(externalId, "externalId");
        if (body != null && body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
    }

    /** A post whose text is known only by its excerpt. */
    public IncomingContext(
            ChannelAccountId account,
            String externalId,
            String title,
            String url,
            String excerpt,
            String authorName,
            Instant publishedAt) {
        this(account, externalId, title, url, excerpt, authorName, publishedAt, null);
    }
}
