package dev.mandate.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A message held back in the quarantine, as its page shows it.
 *
 * @param markedBy the person who marked it as spam, or {@code null} when auto-moderation held it back
 * @param atNetwork what became of it at the network: {@code null} (nothing asked), or the last action's state,
 *     e.g. {@code SPAM DONE}
 * @param conversationQuarantined whether its whole conversation is held back with it
 */
public record QuarantinedMessage(
        MessageId id,
        ConversationId conversation,
        String network,
        String authorName,
        String authorHandle,
        String body,
        String contextTitle,
        Double spamScore,
        List<String> reasons,
        Instant createdAt,
        Instant quarantinedAt,
        String markedBy,
        String atNetwork,
        boolean conversationQuarantined) {

    public QuarantinedMessage {
        reasons = List.copyOf(reasons);
    }

    /** The score as pages show it, e.g. {@code 0.93}; a dash when unclassified. */
    public String score() {
        return spamScore == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", spamScore);
    }
}
