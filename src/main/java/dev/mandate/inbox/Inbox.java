package dev.mandate.inbox;

import dev.mandate.contact.ContactId;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Stores conversations and reads them back for the members of their workspace. */
@Service
public class Inbox {

    /** The most conversations one page of the list holds. */
    public static final int MAX_PAGE = 100;

    private final JdbcAggregateOperations aggregates;
    private final ConversationSummaries summaries;
    private final ConversationThreads threads;
    private final ApplicationEventPublisher events;
    private final MessageRecorder recorder;
    private final JdbcClient jdbc;
    private final MessageHistories histories;

    Inbox(
            JdbcAggregateOperations aggregates,
            ConversationSummaries summaries,
            ConversationThreads threads,
            ApplicationEventPublisher events,
            MessageRecorder recorder,
            JdbcClient jdbc,
            MessageHistories histories) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
        this.histories = histories;
        this.recorder = recorder;
        this.events = events;
        this.summaries = summaries;
        this.threads = threads;
    }

    /** Stores a conversation with all its messages, or nothing of it. */
    @Transactional
    public ConversationId start(WorkspaceId workspace, NewConversation found) {
        Conversation conversation = aggregates.insert(Conversation.start(workspace, found));
        Iterable<Message> messages = aggregates.insertAll(conversation.messages(found));
        recorder.summarise(List.of(conversation.id().value()));
        List<MessageReceived> received = new java.util.ArrayList<>();
        for (Message message : messages) {
            received.add(new MessageReceived(
                    workspace,
                    conversation.id(),
                    new MessageId(message.id()),
                    message.direction(),
                    found.network(),
                    message.createdAt(),
                    null));
        }
        received.forEach(events::publishEvent);
        if (!received.isEmpty()) {
            events.publishEvent(new MessagesReceived(workspace, received));
        }
        return conversation.id();
    }

    /**
     * Records a batch of incoming messages (and the posts they sit under) into their conversations, in the
     * caller's transaction if there is one: one result per message, in order; a message stored before is
     * reported as a duplicate and changes nothing.
     */
    @Transactional
    public List<Recorded> record(
            WorkspaceId workspace, List<IncomingContext> contexts, List<IncomingMessage> messages) {
        return recorder.record(workspace, contexts, messages);
    }

    /**
     * What the workspace has seen before of these authors and normalised-text hashes: the spam model's history
     * signals, for ingest to classify a batch with. Never counts another workspace's messages.
     */
    @Transactional(readOnly = true)
    public MessageHistory history(WorkspaceId workspace, Collection<ContactId> authors, Collection<Long> textHashes) {
        return histories.history(workspace, authors, textHashes);
    }

    /**
     * The stored text of these posts and messages of the workspace (a post's text, or its excerpt if it came
     * without): what a new comment or reply answers, for judging its topic. Items not stored are absent.
     */
    @Transactional(readOnly = true)
    public Map<ExternalItem, String> storedTexts(WorkspaceId workspace, Collection<ExternalItem> items) {
        return histories.texts(workspace, items);
    }

    /**
     * A page of the member's workspace's conversations, newest first: at most {@code limit} (between 1 and
     * {@link #MAX_PAGE}), older than {@code before} when given.
     */
    @Transactional(readOnly = true)
    public ConversationPage conversations(Membership member, int limit, ConversationCursor before) {
        return conversations(member, ConversationFilter.ALL, ConversationSort.NEWEST, limit, before);
    }

    /**
     * A page of the member's workspace's conversations that pass the filter, in the given order: at most
     * {@code limit} (between 1 and {@link #MAX_PAGE}), after the cursor when given (which must be of this order).
     */
    @Transactional(readOnly = true)
    public ConversationPage conversations(
            Membership member, ConversationFilter filter, ConversationSort sort, int limit, ConversationCursor after) {
        if (after != null && after.sort() != sort) {
            throw new dev.mandate.shared.InvalidInput("after", "This position belongs to the list in another order.");
        }
        return summaries.page(
                member.workspaceId(), member.accountId(), filter, sort, Math.max(1, Math.min(limit, MAX_PAGE)), after);
    }

    /** A conversation of the member's workspace with its messages in thread order, or {@code NotFound}. */
    // Repeatable read, so that the conversation and its messages are read from the same snapshot.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConversationThread conversation(Membership member, ConversationId id) {
        return threads.thread(member.workspaceId(), id);
    }

    /**
     * A conversation of the workspace with its messages in thread order, for automation acting on an event outside
     * any membership (routing rules); {@code NotFound} when the workspace has no such conversation.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConversationThread conversation(WorkspaceId workspace, ConversationId id) {
        return threads.thread(workspace, id);
    }

    /** The workspace's latest inbound messages, newest first, at most {@code limit}: what a rule set is tried on. */
    @Transactional(readOnly = true)
    public List<MessageReceived> latestInbound(WorkspaceId workspace, int limit) {
        return jdbc.sql("""
                        select m.id, m.conversation_id, m.created_at, c.network
                          from inbox.message m
                          join inbox.conversation c on c.id = m.conversation_id
                         where m.workspace_id = :workspace and m.direction = 'INBOUND'
                         order by m.created_at desc, m.id desc
                         limit :limit
                        """)
                .param("workspace", workspace.value())
                .param("limit", Math.max(0, limit))
                .query((rs, row) -> new MessageReceived(
                        workspace,
                        new ConversationId(rs.getObject("conversation_id", UUID.class)),
                        new MessageId(rs.getObject("id", UUID.class)),
                        Direction.INBOUND,
                        rs.getString("network"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        null))
                .list();
    }
}
