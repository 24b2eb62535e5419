package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import java.time.Instant;
import java.util.Objects;

/** A post that conversations sit under, as a channel delivered it. */
public record IncomingContext(
        ChannelAccountId account,
        String externalId,
        String title,
        String url,
        String excerpt,
        String authorName,
        Instant publishedAt) {

    public IncomingContext {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(externalId, "externalId");
    }
}
