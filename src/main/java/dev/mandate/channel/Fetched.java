package dev.mandate.channel;

import java.util.List;

/**
 * One page that a {@link Connector} read.
 *
 * @param items what arrived, normalised (the account field is filled in by the runtime)
 * @param cursor where the next fetch starts; stored only after the items are in the inbox
 * @param more whether the network has more right now
 * @param skipped how many items the adapter could not read and left out (logged, without secrets)
 */
public record Fetched(List<InboundItem> items, String cursor, boolean more, int skipped) {

    public Fetched {
        items = List.copyOf(items);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must not be negative");
        }
    }

    /** Nothing new; the cursor stays. */
    public static Fetched nothing(String cursor) {
        return new Fetched(List.of(), cursor, false, 0);
    }
}
