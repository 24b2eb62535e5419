package dev.mandate.channel;

/** What can be done to an item at its network. */
public enum Moderation {
    APPROVE,
    HOLD,
    SPAM,
    TRASH
}
