package dev.mandate.channel;

/** Something a {@link Connector} can do at its network. */
public enum Capability {
    /** Read what arrived since a stored cursor. */
    FETCH,
    /** Receive pushed items (verified webhooks). */
    WEBHOOK,
    /** Answer as the brand under an item. */
    REPLY,
    /** Approve, hold or mark as spam. */
    MODERATE,
    /** Delete or trash an item. */
    DELETE,
    /** Publish a new post. */
    POST,
    /** Items are monitoring hits (feeds, searches), not customer messages. */
    MONITOR
}
