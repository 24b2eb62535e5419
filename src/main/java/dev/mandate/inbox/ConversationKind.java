package dev.mandate.inbox;

/** What started a conversation. */
public enum ConversationKind {
    /** A top-level comment under a post. */
    COMMENT,
    /** Another site linking to a post. */
    PINGBACK,
    /** The brand named somewhere, outside its own posts. */
    MENTION,
    /** A private message thread. */
    DIRECT_MESSAGE,
    /** An e-mail thread. */
    EMAIL,
    /** A listening source (feed, search) brought it in; nobody wrote to the brand. */
    MONITORING
}
