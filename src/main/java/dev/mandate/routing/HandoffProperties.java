package dev.mandate.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of hand-offs, their notifications and the briefing ({@code mandate.routing.*}).
 *
 * @param handoff deadlines and the business hours they count in
 * @param mail the SMTP server notifications go out through
 * @param webhook how signed webhooks are sent
 * @param notifications the notification worker
 */
@Validated
@ConfigurationProperties("mandate.routing")
record HandoffProperties(
        @DefaultValue @Valid Handoff handoff,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid Notifications notifications) {

    /**
     * @param deadline business time the brand has to answer a hand-off opened by a person
     * @param businessDays the days that count
     * @param businessStart when a business day starts, in the workspace's time zone
     * @param businessEnd when it ends
     * @param baseUrl where people open Mandate, for the links in notifications
     */
    record Handoff(
            @DefaultValue("4h") @NotNull Duration deadline,

            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) @NotNull
            Set<DayOfWeek> businessDays,

            @DefaultValue("09:00") @NotNull LocalTime businessStart,
            @DefaultValue("17:00") @NotNull LocalTime businessEnd,
            @DefaultValue("http://localhost:8080") @NotBlank String baseUrl) {

        BusinessHours hours() {
            return new BusinessHours(businessDays, businessStart, businessEnd);
        }
    }

    /**
     * @param host the SMTP server
     * @param security none, starttls or ssl
     * @param username empty: no sign-in
     * @param password from the environment ({@code MANDATE_ROUTING_MAIL_PASSWORD}), never logged
     * @param from the sender of notifications
     * @param timeout connecting and reading
     */
    record Mail(
            @DefaultValue("localhost") @NotBlank String host,
            @DefaultValue("25") @Min(1) @Max(65535) int port,
            @DefaultValue("none") @NotBlank String security,
            @DefaultValue("") String username,
            @DefaultValue("") String password,

            @DefaultValue("Mandate <mandate@localhost>") @NotBlank
            String from,

            @DefaultValue("10s") @NotNull Duration timeout) {}

    /**
     * @param allowHttp accept http:// URLs (tests, a CRM on the same machine); https only otherwise
     * @param allowPrivateAddresses accept URLs whose host is a loopback, private or link-local address; refused by
     *     default, so that a webhook cannot reach into the network Mandate runs in
     * @param timeout connecting and waiting for the answer
     */
    record Webhook(
            @DefaultValue("false") boolean allowHttp,
            @DefaultValue("false") boolean allowPrivateAddresses,
            @DefaultValue("10s") @NotNull Duration timeout) {}

    /**
     * @param enabled whether this node sends notifications; tests drive the worker by hand
     * @param interval pause between the worker's rounds
     * @param maxAttempts attempts before a notification fails for good
     * @param backoff the wait after the first failed attempt, doubled after each further one
     * @param maxBackoff the longest wait
     * @param lease how long a notification being sent belongs to one worker
     */
    record Notifications(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") @NotNull Duration interval,
            @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
            @DefaultValue("30s") @NotNull Duration backoff,
            @DefaultValue("1h") @NotNull Duration maxBackoff,
            @DefaultValue("2m") @NotNull Duration lease) {}
}
