package dev.mandate.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the channel module ({@code mandate.channel.*}, e.g. {@code MANDATE_CHANNEL_SYNC_ENABLED}).
 *
 * @param sync how connected accounts are synced
 * @param allowPrivateAddresses let connectors call hosts inside the network Mandate runs in (loopback, private,
 *     link-local, unique-local; {@code MANDATE_CHANNEL_ALLOW_PRIVATE_ADDRESSES}), e.g. a WordPress on the LAN;
 *     refused by default, so that a channel's address cannot be turned against internal services
 */
@Validated
@ConfigurationProperties("mandate.channel")
record ChannelProperties(
        @DefaultValue @Valid @NotNull Sync sync,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    /**
     * The sync scheduler.
     *
     * @param enabled whether this node syncs accounts at all ({@code MANDATE_CHANNEL_SYNC_ENABLED})
     * @param pollInterval how often it looks for accounts that are due
     * @param workers how many accounts this node syncs at the same time
     * @param interval how often an account is synced when all is well (a new account's schedule)
     * @param leaseDuration how long a node holds an account it syncs; renewed per page, taken over when it lapses
     * @param nodeId this node's name in leases; empty: the host name and a random suffix
     * @param incidentThreshold how long a network must fail before a platform incident is opened
     * @param maxPagesPerRun the most pages one run reads before it lets other accounts go first
     * @param backoff the wait after the first failure; doubled after each further one
     * @param maxBackoff the longest wait between retries
     */
    record Sync(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") @NotNull Duration pollInterval,
            @DefaultValue("2") @Min(1) int workers,
            @DefaultValue("5m") @NotNull Duration interval,
            @DefaultValue("5m") @NotNull Duration leaseDuration,
            @DefaultValue("") String nodeId,
            @DefaultValue("5m") @NotNull Duration incidentThreshold,
            @DefaultValue("20") @Min(1) int maxPagesPerRun,
            @DefaultValue("30s") @NotNull Duration backoff,
            @DefaultValue("30m") @NotNull Duration maxBackoff) {

        /** The wait before the next try after {@code failures} failures in a row. */
        Duration backoffAfter(int failures) {
            Duration wait = backoff;
            for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }
}
