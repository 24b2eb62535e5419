package dev.mandate.inbox;

import java.time.Instant;

/**
 * A message in thread order: each reply after the message it replies to, replies to the same message oldest
 * first.
 *
 * @param depth how many replies deep the message is: 0 for the top of the thread
 */
public record ThreadMessage(
        MessageId id,
        MessageId parentId,
        int depth,
        String externalId,
        String authorName,
        String authorHandle,
        Direction direction,
        String body,
        String language,
        Instant createdAt) {

    /** The indentation a page gives the message; deep threads stop indenting so that a phone can show them. */
    public int indent() {
        return Math.min(depth, 4);
    }

    public boolean outbound() {
        return direction == Direction.OUTBOUND;
    }
}
