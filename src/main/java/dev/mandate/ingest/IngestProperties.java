package dev.mandate.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the ingest endpoint, and how the pipeline classifies.
 *
 * @param maxBodyBytes the largest body accepted; larger ones are refused before they are read
 *     ({@code MANDATE_INGEST_MAX_BODY_BYTES})
 * @param classifyThreads how many threads classify a batch ({@code MANDATE_INGEST_CLASSIFY_THREADS}); 0 for one per
 *     processor, 1 to classify in the ingesting thread only
 */
@Validated
@ConfigurationProperties("mandate.ingest")
record IngestProperties(
        @DefaultValue("10485760") @Min(1024) long maxBodyBytes,
        @DefaultValue("0") @Min(0) @Max(64) int classifyThreads) {}
