package dev.mandate.inbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the inbox.
 *
 * @param searchIndexDelay how long the search index waits between looks at its queue when the queue was empty
 *     ({@code MANDATE_INBOX_SEARCH_INDEX_DELAY}); a new message is findable within about this long
 * @param searchIndexBatch how many conversations the search index makes anew in one transaction
 * @param moderationMode what happens to spam in a workspace and network that chose nothing
 *     ({@code MANDATE_INBOX_MODERATION_MODE}: off, warn, quarantine, quarantine-and-hide)
 * @param moderationThreshold the spam score from which a message is quarantined where nothing else was chosen
 * @param moderationEnabled whether this node carries out moderation at the networks ({@code
 *     MANDATE_INBOX_MODERATION_ENABLED}); tests drive the worker by hand
 * @param moderationInterval how often the worker looks for moderation to carry out at the networks
 * @param moderationMaxAttempts attempts at a transient failure before an action at a network fails for good
 */
@Validated
@ConfigurationProperties("mandate.inbox")
record InboxProperties(
        @DefaultValue("250ms") Duration searchIndexDelay,
        @DefaultValue("1000") @Min(1) @Max(100_000) int searchIndexBatch,
        @DefaultValue("quarantine-and-hide") @NotNull ModerationMode moderationMode,

        @DefaultValue("0.5") @DecimalMin("0.5") @DecimalMax("0.99")
        double moderationThreshold,

        @DefaultValue("true") boolean moderationEnabled,
        @DefaultValue("5s") Duration moderationInterval,
        @DefaultValue("8") @Min(1) @Max(100) int moderationMaxAttempts) {}
