package dev.mandate.channel;

import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An account of a workspace on a network, and the brand's own handles there. */
public record ChannelAccount(
        ChannelAccountId id,
        WorkspaceId workspaceId,
        String network,
        String name,
        List<String> brandHandles,
        Instant createdAt) {

    public ChannelAccount {
        brandHandles = List.copyOf(brandHandles);
    }

    /** Whether a message by this handle is the brand speaking. */
    public boolean isBrand(String handle) {
        return handle != null && brandHandles.contains(handle.trim().toLowerCase(Locale.ROOT));
    }
}
