package dev.mandate.inbox;

/**
 * What became of one incoming message: stored for the first time (in a conversation, or waiting for its parent
 * when {@code conversation} is {@code null}), or already there.
 */
public record Recorded(MessageId message, ConversationId conversation, boolean duplicate) {

    static Recorded duplicateOf() {
        return new Recorded(null, null, true);
    }
}
