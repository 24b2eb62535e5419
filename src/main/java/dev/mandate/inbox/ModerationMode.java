package dev.mandate.inbox;

/** What auto-moderation does with a message whose spam score reaches the threshold. */
public enum ModerationMode {
    /** Nothing: the message is shown like any other. */
    OFF,
    /** Shown, with a warning. */
    WARN,
    /** Held back in Mandate's quarantine; nothing changes at the network. */
    QUARANTINE,
    /** Held back in the quarantine and hidden at the network (marked as spam) where its connector can. */
    QUARANTINE_AND_HIDE;

    boolean quarantines() {
        return this == QUARANTINE || this == QUARANTINE_AND_HIDE;
    }
}
