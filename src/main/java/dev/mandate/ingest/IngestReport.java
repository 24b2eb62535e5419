package dev.mandate.ingest;

import java.util.List;

/**
 * What became of a delivery: one line per item, in order, and the rejected ones by index.
 *
 * @param stored items stored for the first time
 * @param duplicates items that were there already and changed nothing
 */
public record IngestReport(int stored, int duplicates, List<Line> items, List<Rejection> rejected) {

    /** One item's outcome: {@code stored}, {@code duplicate}, {@code context} (a post) or {@code rejected}. */
    public record Line(int index, String status, String messageId, String conversationId) {}
}
