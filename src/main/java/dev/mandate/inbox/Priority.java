package dev.mandate.inbox;

/** How urgently a conversation needs an answer; service levels set their targets per priority. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
