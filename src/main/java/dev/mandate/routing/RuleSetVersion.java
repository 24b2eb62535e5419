package dev.mandate.routing;

import dev.mandate.shared.Party;
import java.time.Instant;

/**
 * One saved version of a workspace's rule set: its JSON, what changed from the version before, who saved it and
 * when, and whether (and by whom) the brand approved it. An unapproved version is a draft and routes nothing.
 *
 * @param approvedAt when a brand owner approved it; {@code null} for a draft
 */
public record RuleSetVersion(
        int version,
        String body,
        String changes,
        Instant savedAt,
        String savedByName,
        Party savedByParty,
        Instant approvedAt,
        String approvedByName) {

    public boolean approved() {
        return approvedAt != null;
    }
}
