package dev.mandate.channel;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A time when a network was down or overloaded for one account: what service levels exclude.
 *
 * @param id the incident
 * @param workspaceId the workspace
 * @param accountId the account the network failed for
 * @param network that account's network
 * @param accountName that account's name
 * @param startedAt when the failures began
 * @param endedAt when the network answered again; {@code null} while it lasts
 * @param cause what the network answered, or what the person who entered it wrote
 * @param source whether the sync opened it or a person entered it
 * @param createdBy who entered it; {@code null} for automatic incidents
 */
public record Incident(
        IncidentId id,
        WorkspaceId workspaceId,
        ChannelAccountId accountId,
        String network,
        String accountName,
        Instant startedAt,
        Instant endedAt,
        String cause,
        Source source,
        AccountId createdBy) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(source, "source");
    }

    public boolean open() {
        return endedAt == null;
    }

    /** Who recorded an incident. */
    public enum Source {
        AUTOMATIC,
        MANUAL
    }
}
