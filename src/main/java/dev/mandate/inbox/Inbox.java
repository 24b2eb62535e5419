package dev.mandate.inbox;

import dev.mandate.contact.ContactId;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
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
    private final MessageHistories histories;

    Inbox(
            JdbcAggregateOperations aggregates,
            ConversationSummaries summaries,
            ConversationThreads threads,
            ApplicationEventPublisher events,
            MessageRecorder recorder,
            MessageHistories histories) {
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
        for (Message message : messages) {
            events.publishEvent(new MessageReceived(
                    workspace,
                    conversation.id(),
                    new MessageId(message.id()),
                    message.direction(),
                    found.network(),
                    message.createdAt(),
                    null));
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
}
