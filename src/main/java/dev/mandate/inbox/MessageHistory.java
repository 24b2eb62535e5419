package dev.mandate.inbox;

import dev.mandate.classify.SpamClassifier;
import dev.mandate.contact.ContactId;
import java.util.Map;

/**
 * What a workspace has seen before of some authors and texts, for the spam model's history signals: per author how
 * many of their messages were judged spam or not (a moderator's decision beats the classifier's verdict), and per
 * normalised-text hash how many messages carry that text. Counted in one workspace only.
 */
public record MessageHistory(Map<ContactId, Author> authors, Map<Long, Integer> texts) {

    /** The most messages counted per author and per text: enough to tell a habit, cheap to count. */
    public static final int MOST_COUNTED = 200;

    /** An author's earlier messages judged spam, and not spam. */
    public record Author(int spam, int notSpam) {}

    public MessageHistory {
        authors = Map.copyOf(authors);
        texts = Map.copyOf(texts);
    }

    /**
     * The signals for one message: its author's record and the same text elsewhere, plus {@code sameTextInBatch}
     * other messages of the batch being recorded that carry it.
     */
    public SpamClassifier.Seen seen(ContactId author, Long textHash, int sameTextInBatch) {
        Author known = author == null ? null : authors.get(author);
        int elsewhere = textHash == null ? 0 : texts.getOrDefault(textHash, 0);
        return new SpamClassifier.Seen(
                known == null ? 0 : known.spam(),
                known == null ? 0 : known.notSpam(),
                elsewhere + Math.max(0, sameTextInBatch));
    }
}
