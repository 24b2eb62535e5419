package dev.mandate.channel;

/**
 * What one sync run of an account did.
 *
 * @param account the account
 * @param outcome how it ended
 * @param pages pages read
 * @param stored new items that reached the inbox
 * @param skipped items the connector could not read
 * @param failure the kind of failure ({@link ConnectorFailure.Kind} name, {@code INGEST} or {@code ERROR}), or
 *     {@code null}
 * @param message what went wrong, for people; {@code null} when nothing did
 */
public record SyncResult(
        ChannelAccountId account, Outcome outcome, int pages, int stored, int skipped, String failure, String message) {

    /** How a run ended. */
    public enum Outcome {
        /** Everything there was (or the most pages one run reads) arrived. */
        SYNCED,
        /** The network asked to wait; the next run is scheduled after that. */
        DELAYED,
        /** The run failed; the error is recorded and the next try waits. */
        FAILED,
        /** Not run: another run holds the account, or it is paused, removed or not synced by Mandate. */
        NOT_RUN,
        /** Another node took the account over while this run was slow; it stopped without writing. */
        LEASE_LOST
    }
}
