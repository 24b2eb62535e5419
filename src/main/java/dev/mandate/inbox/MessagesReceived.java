package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * The messages one recording stored for the first time, announced together: the event for listeners that must not
 * miss one (routing), so that Spring Modulith keeps one publication row per batch instead of one per message. Each
 * message is announced on its own too ({@link MessageReceived}), for listeners that need no such guarantee.
 */
public record MessagesReceived(WorkspaceId workspaceId, List<MessageReceived> messages) {

    public MessagesReceived {
        Objects.requireNonNull(workspaceId, "workspaceId");
        messages = List.copyOf(messages);
    }
}
