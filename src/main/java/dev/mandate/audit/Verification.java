package dev.mandate.audit;

import dev.mandate.shared.WorkspaceId;

/**
 * The result of checking one chain: how many entries were checked, the head hash, and the first broken
 * link if there is one.
 *
 * @param brokenAt the sequence number of the first entry that does not fit, or {@code null} when intact
 * @param problem what is wrong with it
 */
public record Verification(WorkspaceId workspaceId, long entries, String headHash, Long brokenAt, String problem) {

    public boolean intact() {
        return brokenAt == null;
    }
}
