package dev.mandate.publish;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox.
 *
 * @param enabled whether this node sends ({@code MANDATE_PUBLISH_ENABLED}); tests drive the worker by hand
 * @param interval how often the worker looks for replies to send
 * @param lease how long a claimed reply belongs to one worker; a reply still "sending" after that was sent by a worker
 *     that died, and its outcome is unknown
 * @param reconcileAfter how long to wait before reading the network about a reply whose outcome is unknown
 * @param maxAttempts attempts at a transient failure before the reply fails for good
 * @param maxBackoff the longest wait between attempts
 */
@Validated
@ConfigurationProperties("mandate.publish")
record PublishProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration interval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("30s") Duration reconcileAfter,
        @DefaultValue("10") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("1h") Duration maxBackoff) {}
