package dev.mandate.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 */
@Validated
@ConfigurationProperties("mandate.inbox")
record InboxProperties(
        @DefaultValue("250ms") Duration searchIndexDelay,
        @DefaultValue("1000") @Min(1) @Max(100_000) int searchIndexBatch) {}
