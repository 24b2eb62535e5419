package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import java.time.Instant;
import java.util.List;

/**
 * A conversation with the post it sits under and all its messages in thread order.
 *
 * @param channelAccountId the account it arrived on (where replies go out); {@code null} for conversations started
 *     in the process without one
 * @param contextExternalId the post it sits under (its id at the network), or the thread's first id for direct
 *     messages and e-mail; {@code null} if none
 */
public record ConversationThread(
        ConversationId id,
        ChannelAccountId channelAccountId,
        String network,
        ConversationKind kind,
        String contextExternalId,
        String contextTitle,
        String contextUrl,
        ConversationState state,
        Priority priority,
        String language,
        Instant startedAt,
        Instant lastMessageAt,
        List<ThreadMessage> messages) {

    public ConversationThread {
        messages = List.copyOf(messages);
    }
}
