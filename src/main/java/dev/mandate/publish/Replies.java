package dev.mandate.publish;

import dev.mandate.channel.Capability;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.ConnectorCalls;
import dev.mandate.channel.Reply;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.workspace.Membership;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The brand's replies in a conversation: written here, sent by the {@link OutboxWorker}. */
@Service
public class Replies {

    /** The longest reply; networks allow less (the connector refuses what its network would). */
    public static final int MAX_TEXT = 10_000;

    private final Inbox inbox;
    private final ChannelAccounts accounts;
    private final ConnectorCalls connectors;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReplyScope scope;

    Replies(
            Inbox inbox,
            ChannelAccounts accounts,
            ConnectorCalls connectors,
            Outbox outbox,
            ApplicationEventPublisher events,
            Clock clock,
            ReplyScope scope) {
        this.scope = scope;
        this.inbox = inbox;
        this.accounts = accounts;
        this.connectors = connectors;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a reply to the conversation's latest customer message, in this transaction; the worker sends it. The
     * {@code key} makes it idempotent: the same key (a form sent twice) queues one reply. Advisors may not reply; the
     * agency may not where the mandate keeps it from replying ({@link ReplyOutsideMandate}).
     */
    @Transactional
    public OutgoingReply write(Membership by, ConversationId conversation, UUID key, String text) {
        by.requireMayChange();
        ConversationThread thread = inbox.conversation(by, conversation); // another workspace's: NotFound, first
        scope.require(by, thread);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new InvalidInput("text", "Write the reply first.");
        }
        if (body.length() > MAX_TEXT) {
            throw new InvalidInput("text", "A reply has at most " + MAX_TEXT + " characters.");
        }
        ReplyId id = new ReplyId(key == null ? UUID.randomUUID() : key);
        requireMayAnswer(by, thread);
        ChannelAccount account = accounts.get(by.workspaceId(), thread.channelAccountId());
        List<ThreadMessage> messages = thread.messages().stream()
                .sorted(Comparator.comparing(ThreadMessage::createdAt))
                .toList();
        ThreadMessage answered = messages.stream()
                .filter(m -> !m.outbound())
                .reduce((first, second) -> second)
                .orElse(messages.isEmpty() ? null : messages.get(messages.size() - 1));
        if (answered == null) {
            throw new InvalidInput(null, "The conversation has no message to answer.");
        }
        Reply reply = new Reply(
                id.toString(),
                answered.externalId(),
                thread.contextExternalId() != null
                        ? thread.contextExternalId()
                        : messages.get(0).externalId(),
                answered.authorHandle(),
                thread.contextTitle(),
                body,
                messages.stream().map(ThreadMessage::externalId).toList());
        Outbox.Entry entry = new Outbox.Entry(
                id,
                by.workspaceId(),
                conversation,
                account.id(),
                account.network(),
                thread.kind(),
                account.name(),
                account.brandHandles().isEmpty() ? null : account.brandHandles().get(0),
                ReplyState.QUEUED,
                0,
                reply);
        if (outbox.queue(entry, by.party().name(), by.accountId().value(), clock.instant())) {
            events.publishEvent(
                    new ReplyEvents.ReplyQueued(by.workspaceId(), by.actor(), id, conversation, account.network()));
        }
        return outbox.find(by.workspaceId(), id)
                .filter(found -> found.conversationId().equals(conversation))
                .orElseThrow(() -> new InvalidInput("key", "This key belongs to another reply."));
    }

    /**
     * Sends a failed reply again (the same reply: its text, the message it answers and its id, by which the network
     * recognises it), under the rules a new reply goes out under: advisors may not, the agency not outside its mandate,
     * and not where Mandate can no longer answer. Where the network may have it after all, the worker looks it up there
     * first and sends it only if the network does not have it. Only a failed reply ({@link ReplyNotFailed}); of two
     * people at once, one sends it again and the other is told it is no longer failed.
     */
    @Transactional
    public OutgoingReply retry(Membership by, ReplyId id) {
        by.requireMayChange();
        OutgoingReply reply = get(by, id); // another workspace's: NotFound, first
        ConversationThread thread = inbox.conversation(by, reply.conversationId());
        scope.require(by, thread);
        requireMayAnswer(by, thread);
        reply.requireFailed();
        OutgoingReply again = outbox.again(by.workspaceId(), id, clock.instant())
                .orElseThrow(() -> new ReplyNotFailed(get(by, id).state()));
        events.publishEvent(new ReplyEvents.ReplyRetried(
                by.workspaceId(),
                by.actor(),
                id,
                again.conversationId(),
                again.state() == ReplyState.UNKNOWN,
                reply.problem()));
        return again;
    }

    /**
     * Gives up on a failed reply: it stays, for the record, and is no longer shown as a problem. Advisors may not;
     * the mandate's reply scope does not apply, as nothing is sent (the brand can clear what the agency left behind
     * on a conversation escalated to it, and the agency what it wrote before).
     */
    @Transactional
    public OutgoingReply discard(Membership by, ReplyId id) {
        by.requireMayChange();
        OutgoingReply reply = get(by, id);
        reply.requireFailed();
        OutgoingReply discarded = outbox.discard(by.workspaceId(), id)
                .orElseThrow(() -> new ReplyNotFailed(get(by, id).state()));
        events.publishEvent(new ReplyEvents.ReplyDiscarded(
                by.workspaceId(), by.actor(), id, discarded.conversationId(), reply.problem()));
        return discarded;
    }

    /** The conversation's outgoing replies, oldest first. */
    @Transactional(readOnly = true)
    public List<OutgoingReply> of(Membership member, ConversationId conversation) {
        inbox.conversation(member, conversation); // the member's workspace has it, or NotFound
        return outbox.of(member.workspaceId(), conversation);
    }

    /** One reply of the member's workspace. */
    @Transactional(readOnly = true)
    public OutgoingReply get(Membership member, ReplyId id) {
        return outbox.find(member.workspaceId(), id).orElseThrow(() -> new NotFound("reply"));
    }

    private void requireMayAnswer(Membership by, ConversationThread thread) {
        if (thread.channelAccountId() == null
                || !connectors.can(by.workspaceId(), thread.channelAccountId(), Capability.REPLY)) {
            throw new InvalidInput(
                    null,
                    "Mandate cannot answer on this conversation's account (it was removed, or its network takes no"
                            + " replies from Mandate); answer there directly.");
        }
    }

    /** Why the mandate keeps the member from replying in the conversation, or empty when they may. */
    @Transactional(readOnly = true)
    public java.util.Optional<ReplyOutsideMandate.Rule> refusal(Membership member, ConversationId conversation) {
        return scope.refusal(member, inbox.conversation(member, conversation));
    }
}
