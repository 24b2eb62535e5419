package dev.mandate.routing;

/** Where a hand-off to the brand stands. */
public enum HandoffState {
    /** Waiting for the brand; the conversation is escalated. */
    OPEN,
    /** The brand answered the agency (internally); the agency answers the customer. */
    ANSWERED,
    /** The brand answers the customer itself; the conversation is the brand's. */
    TAKEN_OVER,
    /** The brand gave it back to the agency without an answer (not the brand's to decide, or already settled). */
    RETURNED;

    public String label() {
        return switch (this) {
            case OPEN -> "Open";
            case ANSWERED -> "Answered";
            case TAKEN_OVER -> "Taken over by the brand";
            case RETURNED -> "Returned";
        };
    }
}
