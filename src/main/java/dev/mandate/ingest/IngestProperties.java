package dev.mandate.ingest;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the ingest endpoint.
 *
 * @param maxBodyBytes the largest body accepted; larger ones are refused before they are read
 *     ({@code MANDATE_INGEST_MAX_BODY_BYTES})
 */
@Validated
@ConfigurationProperties("mandate.ingest")
record IngestProperties(@DefaultValue("10485760") @Min(1024) long maxBodyBytes) {}
