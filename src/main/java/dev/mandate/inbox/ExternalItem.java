package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import java.util.Objects;

/** A post or message by the id its network gave it on one account. */
public record ExternalItem(ChannelAccountId account, String externalId) {

    public ExternalItem {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(externalId, "externalId");
    }
}
