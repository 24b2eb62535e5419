package dev.mandate.inbox;

import java.util.List;

/**
 * One page of a workspace's conversations, newest first.
 *
 * @param next where the next, older page starts, or {@code null} when this is the last page
 */
public record ConversationPage(List<ConversationSummary> conversations, ConversationCursor next) {

    public ConversationPage {
        conversations = List.copyOf(conversations);
    }
}
