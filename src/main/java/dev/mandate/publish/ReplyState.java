package dev.mandate.publish;

/** Where an outgoing reply is on its way to the network. */
public enum ReplyState {
    /** Waiting for the worker (new, or after a rate limit or a transient failure). */
    QUEUED,
    /** Handed to the connector; if the worker dies now, the outcome is unknown. */
    SENDING,
    /** The network has it; its id there is known. */
    DELIVERED,
    /** A send whose outcome is not known: the worker reads the network before anything else happens. */
    UNKNOWN,
    /** The network refused it for good (wrong credential, deleted comment); a person must act. */
    FAILED
}
