package dev.mandate.publish;

/** Where an outgoing reply is on its way to the network. */
public enum ReplyState {
    /** Waiting for the worker (new, or after a rate limit or a transient failure, or sent again by a person). */
    QUEUED("Queued", "queued"),
    /** Handed to the connector; if the worker dies now, the outcome is unknown. */
    SENDING("Sending", "being sent"),
    /** The network has it; its id there is known. */
    DELIVERED("Delivered", "delivered"),
    /** A send whose outcome is not known: the worker reads the network before anything else happens. */
    UNKNOWN("Checking", "being looked up at the network"),
    /** The network refused it for good, or its outcome could not be settled; a person sends it again or discards it. */
    FAILED("Failed", "failed"),
    /** A person gave up on a failed reply; it stays for the record and is no longer shown as a problem. */
    DISCARDED("Discarded", "discarded");

    private final String label;
    private final String words;

    ReplyState(String label, String words) {
        this.label = label;
        this.words = words;
    }

    /** The state as the reply box names it. */
    public String label() {
        return label;
    }

    /** The state as the end of the sentence that starts with "This reply is". */
    String words() {
        return words;
    }
}
