package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A conversation's own state: where it happened, what it sits under, where it stands and how urgent it is. Its
 * messages are rows of their own ({@link Message}), because a conversation grows one message at a time and is
 * never loaded whole to add one.
 */
@Table(schema = "inbox", name = "conversation")
class Conversation {

    @Id
    private final UUID id;

    private final UUID workspaceId;
    private final String network;
    private final String contextTitle;
    private final String contextUrl;
    private final ConversationState state;
    private final Priority priority;
    private final String language;
    private final Instant startedAt;
    private final Instant lastMessageAt;

    @Version
    private Long version;

    @PersistenceCreator
    Conversation(
            UUID id,
            UUID workspaceId,
            String network,
            String contextTitle,
            String contextUrl,
            ConversationState state,
            Priority priority,
            String language,
            Instant startedAt,
            Instant lastMessageAt,
            Long version) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.network = network;
        this.contextTitle = contextTitle;
        this.contextUrl = contextUrl;
        this.state = state;
        this.priority = priority;
        this.language = language;
        this.startedAt = startedAt;
        this.lastMessageAt = lastMessageAt;
        this.version = version;
    }

    /**
     * A conversation as found: open while the customer spoke last, waiting for the customer when the brand did.
     */
    static Conversation start(WorkspaceId workspace, NewConversation found) {
        List<NewMessage> messages = found.messages();
        NewMessage first = messages.get(0);
        NewMessage last = messages.stream()
                .max(Comparator.comparing(NewMessage::createdAt))
                .orElseThrow();
        Instant startedAt = messages.stream()
                .map(NewMessage::createdAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return new Conversation(
                UUID.randomUUID(),
                workspace.value(),
                found.network(),
                found.contextTitle(),
                found.contextUrl(),
                last.direction() == Direction.OUTBOUND ? ConversationState.WAITING : ConversationState.OPEN,
                found.priority(),
                found.language() != null ? found.language() : first.language(),
                startedAt,
                last.createdAt(),
                null);
    }

    /** The messages of this conversation as rows, in the order they were given. */
    List<Message> messages(NewConversation found) {
        return found.messages().stream()
                .map(m -> new Message(
                        m.id().value(),
                        workspaceId,
                        id,
                        m.parentId() == null ? null : m.parentId().value(),
                        m.externalId(),
                        m.authorName(),
                        m.authorHandle(),
                        m.direction(),
                        m.body(),
                        m.language(),
                        m.createdAt()))
                .toList();
    }

    ConversationId id() {
        return new ConversationId(id);
    }
}
