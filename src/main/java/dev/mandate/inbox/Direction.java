package dev.mandate.inbox;

/** Whether a message came from outside ({@code INBOUND}) or was said by the brand or for it ({@code OUTBOUND}). */
public enum Direction {
    INBOUND,
    OUTBOUND
}
