package dev.mandate.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * A connector call that did not work, and what kind of failure it was: the runtime treats each kind differently
 * (credentials: tell the owner once and stop; unavailable: retry and, past a threshold, open a platform incident;
 * rate limited: wait as told; unknown outcome: never send again, reconcile). The message is for people and never
 * contains a secret.
 */
public final class ConnectorFailure extends RuntimeException {

    /** The kinds of failure. */
    public enum Kind {
        /** The credential was refused (401/403, login failed): a person must act. */
        CREDENTIALS,
        /** The network is overloaded, answers with server errors or cannot be reached: transient. */
        UNAVAILABLE,
        /** The network asks us to slow down ({@link #retryAfter()}). */
        RATE_LIMITED,
        /** The settings are wrong (no REST API at that URL, unknown host name, missing setting). */
        CONFIGURATION,
        /** The network refused this request itself (e.g. the comment was deleted); retrying will not help. */
        REJECTED,
        /** A send whose outcome is not known (timeout after the request went out): reconcile, never resend blindly. */
        UNKNOWN_OUTCOME,
        /** The adapter cannot do this at all. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final String field;
    private final boolean addressRefused;

    public ConnectorFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        this(kind, message, retryAfter, cause, null, false);
    }

    private ConnectorFailure(
            Kind kind, String message, Duration retryAfter, Throwable cause, String field, boolean addressRefused) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.field = field;
        this.addressRefused = addressRefused;
    }

    public ConnectorFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public static ConnectorFailure credentials(String message) {
        return new ConnectorFailure(Kind.CREDENTIALS, message);
    }

    public static ConnectorFailure unavailable(String message, Throwable cause) {
        return new ConnectorFailure(Kind.UNAVAILABLE, message, null, cause);
    }

    public static ConnectorFailure rateLimited(String message, Duration retryAfter) {
        return new ConnectorFailure(Kind.RATE_LIMITED, message, retryAfter, null);
    }

    public static ConnectorFailure configuration(String message) {
        return new ConnectorFailure(Kind.CONFIGURATION, message);
    }

    /**
     * The setting {@code field} names an address Mandate does not call (inside its own network, see
     * {@link dev.mandate.shared.OutboundAddresses}): a setting to fix, answered as problem {@code address-not-allowed}.
     */
    public static ConnectorFailure addressRefused(String field, String message) {
        return new ConnectorFailure(Kind.CONFIGURATION, message, null, null, field, true);
    }

    public static ConnectorFailure rejected(String message) {
        return new ConnectorFailure(Kind.REJECTED, message);
    }

    public static ConnectorFailure unknownOutcome(String message, Throwable cause) {
        return new ConnectorFailure(Kind.UNKNOWN_OUTCOME, message, null, cause);
    }

    public static ConnectorFailure unsupported(String network, Capability capability) {
        return new ConnectorFailure(Kind.UNSUPPORTED, "The " + network + " connector cannot " + capability + ".");
    }

    public Kind kind() {
        return kind;
    }

    /** The setting at fault, or {@code null} when no single one is. */
    public String field() {
        return field;
    }

    /** Whether an address was refused because it lies inside the network Mandate runs in. */
    public boolean addressRefused() {
        return addressRefused;
    }

    /** How long the network asked us to wait; {@code null} if it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
