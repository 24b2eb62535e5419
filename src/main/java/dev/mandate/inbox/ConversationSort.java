package dev.mandate.inbox;

/** The orders of the inbox list. */
public enum ConversationSort {
    /** Latest activity first: every conversation. */
    NEWEST,
    /** The conversations awaiting the brand's answer, the longest waiting first; answered and closed ones are left out. */
    OLDEST_WAITING
}
