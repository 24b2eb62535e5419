package dev.mandate.inbox;

import dev.mandate.classify.Classification;
import java.time.Instant;
import java.util.Locale;

/**
 * A message in thread order: each reply after the message it replies to, replies to the same message oldest
 * first.
 *
 * @param depth how many replies deep the message is: 0 for the top of the thread
 * @param classification what the classifiers said when it arrived; {@code null} for the brand's own messages and
 *     for messages recorded without ingest
 * @param detectedLanguage the detector's language where the source named none
 * @param quarantinedAt since when it is held back in the quarantine, or {@code null}
 * @param moderated a person's word on it ({@code SPAM}, {@code NOT_SPAM}), or {@code null}
 * @param moderatedBy who said so
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
        Instant createdAt,
        Classification classification,
        String detectedLanguage,
        Instant quarantinedAt,
        String moderated,
        String moderatedBy) {

    /** A message without classification or moderation. */
    public ThreadMessage(
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
        this(
                id,
                parentId,
                depth,
                externalId,
                authorName,
                authorHandle,
                direction,
                body,
                language,
                createdAt,
                null,
                null,
                null,
                null,
                null);
    }

    /** The indentation a page gives the message; deep threads stop indenting so that a phone can show them. */
    public int indent() {
        return Math.min(depth, 4);
    }

    public boolean outbound() {
        return direction == Direction.OUTBOUND;
    }

    public boolean quarantined() {
        return quarantinedAt != null;
    }

    /** The language the source named, or else the one detected. */
    public String shownLanguage() {
        return language != null ? language : detectedLanguage;
    }

    /** Its spam score as pages show it, e.g. {@code 0.07}. */
    public String spamScore() {
        return classification == null
                ? null
                : String.format(Locale.ROOT, "%.2f", classification.spam().score());
    }
}
