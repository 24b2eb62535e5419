package dev.mandate.inbox;

/** Where a conversation stands: someone has to act, the customer has to answer, the brand has it, or it is done. */
public enum ConversationState {
    OPEN,
    WAITING,
    ESCALATED,
    CLOSED
}
