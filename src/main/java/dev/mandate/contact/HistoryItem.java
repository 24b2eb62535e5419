package dev.mandate.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation a contact took part in, as their contact page lists it.
 *
 * @param conversationId the conversation's id
 * @param network where it happened, e.g. {@code mastodon} or {@code email}
 * @param kind what started it, e.g. {@code COMMENT} or {@code DIRECT_MESSAGE}
 * @param state its state in the inbox, e.g. {@code OPEN}
 * @param path the conversation page, relative to the application
 * @param firstLine the first line of the message that started it, shortened
 * @param at when its last message was written
 * @param direction the direction of its last message: {@code INBOUND} (the brand's turn) or {@code OUTBOUND}
 */
public record HistoryItem(
        String conversationId,
        String network,
        String kind,
        String state,
        String path,
        String firstLine,
        Instant at,
        String direction) {

    public HistoryItem {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
    }

    public boolean outbound() {
        return "OUTBOUND".equals(direction);
    }
}
