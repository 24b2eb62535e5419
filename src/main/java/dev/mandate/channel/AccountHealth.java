package dev.mandate.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A connected account as its page and API show it: its state, its settings (never the secret), and how its sync
 * fares.
 *
 * @param account the account
 * @param state active, paused or removed
 * @param settings what connecting asked for, without the secret fields
 * @param hasCredential whether a credential is in the vault for it (never the credential)
 * @param synced whether Mandate fetches this account itself (it has a connector that fetches)
 * @param syncInterval how often it is synced when all is well; {@code null} when not synced
 * @param nextSyncAt when it is synced next; {@code null} when not scheduled
 * @param lastAttemptAt when a sync last started
 * @param lastSuccessAt when a sync last finished without failure
 * @param lastErrorKind the kind of the last failure ({@link ConnectorFailure.Kind} name, or {@code INGEST},
 *     {@code ERROR}); {@code null} after a success
 * @param lastErrorMessage what the last failure said, for people
 * @param consecutiveFailures failures since the last success
 * @param skippedItems items the connector could not read, in total
 * @param credentialsFailedAt when the credential stopped working (sync stops until it is replaced)
 * @param incidentOpen whether a platform incident is open for it
 */
public record AccountHealth(
        @com.fasterxml.jackson.annotation.JsonUnwrapped ChannelAccount account,
        AccountState state,
        Map<String, String> settings,
        boolean hasCredential,
        boolean synced,
        Duration syncInterval,
        Instant nextSyncAt,
        Instant lastAttemptAt,
        Instant lastSuccessAt,
        String lastErrorKind,
        String lastErrorMessage,
        int consecutiveFailures,
        long skippedItems,
        Instant credentialsFailedAt,
        boolean incidentOpen) {

    public AccountHealth {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** How far behind the account is: the time since its last successful sync; {@code null} if it never had one. */
    public Duration lag(Instant now) {
        return lastSuccessAt == null ? null : Duration.between(lastSuccessAt, now);
    }

    /** Whether a person must act: the credential stopped working. */
    public boolean credentialsFailed() {
        return credentialsFailedAt != null;
    }
}
