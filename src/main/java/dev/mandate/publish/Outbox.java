package dev.mandate.publish;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Reply;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationKind;
import dev.mandate.shared.WorkspaceId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The outbox table: replies on their way out, claimed by one worker at a time under a lease. */
@Component
class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A reply as the worker needs it.
     *
     * @param was the state it had when the worker claimed it: queued (send it) or unknown (reconcile it)
     */
    record Entry(
            ReplyId id,
            WorkspaceId workspace,
            ConversationId conversation,
            ChannelAccountId account,
            String network,
            ConversationKind kind,
            String authorName,
            String authorHandle,
            ReplyState was,
            int attempts,
            Reply reply) {}

    /** Queues a reply; false if one with this id is queued already (the same form sent twice). */
    boolean queue(Entry entry, String authorParty, UUID authorId, Instant now) {
        Reply reply = entry.reply();
        return jdbc.sql("""
                        insert into publish.outbox (id, workspace_id, conversation_id, channel_account_id, network, kind,
                                                    parent_external_id, thread_root, recipient, subject, reference_ids,
                                                    body, author_id, author_party, author_name, author_handle, state,
                                                    next_attempt_at, created_at)
                        values (:id, :workspace, :conversation, :account, :network, :kind, :parent, :root, :recipient,
                                :subject, :references, :body, :authorId, :party, :authorName, :authorHandle, 'QUEUED',
                                :now, :now)
                        on conflict (id) do nothing
                        """)
                        .param("id", entry.id().value())
                        .param("workspace", entry.workspace().value())
                        .param("conversation", entry.conversation().value())
                        .param("account", entry.account().value())
                        .param("network", entry.network())
                        .param("kind", entry.kind().name())
                        .param("parent", reply.parentExternalId())
                        .param("root", reply.threadRoot())
                        .param("recipient", reply.recipient())
                        .param("subject", reply.subject())
                        .param("references", reply.references().toArray(String[]::new))
                        .param("body", reply.text())
                        .param("authorId", authorId)
                        .param("party", authorParty)
                        .param("authorName", entry.authorName())
                        .param("authorHandle", entry.authorHandle())
                        .param("now", at(now))
                        .update()
                == 1;
    }

    /**
     * Replies a worker left in {@link ReplyState#SENDING} past its lease: the worker died mid-send, so whether the
     * network has them is unknown; they are marked so, to be reconciled. One that has used up its attempts (a reply that
     * brings its worker down every time) fails instead; those are returned, for the trail.
     */
    List<Entry> expireLeases(Instant now, int maxAttempts) {
        List<Entry> failed = jdbc.sql("""
                        update publish.outbox
                           set state = 'FAILED', leased_by = null, leased_until = null, outcome_unknown = true,
                               problem = 'The sender stopped while sending, ' || attempts || ' times; whether the network'
                                         || ' has this reply is not known. Look there before writing it again.'
                         where state = 'SENDING' and leased_until < :now and attempts >= :max
                        returning *, state as was
                        """)
                .param("now", at(now))
                .param("max", maxAttempts)
                .query((rs, row) -> entry(rs))
                .list();
        jdbc.sql("""
                        update publish.outbox
                           set state = 'UNKNOWN', leased_by = null, leased_until = null, next_attempt_at = :now,
                               problem = 'The sender stopped while sending; the network is read before anything else.'
                         where state = 'SENDING' and leased_until < :now
                        """).param("now", at(now)).update();
        return failed;
    }

    /**
     * Claims the next due reply for {@code node} until {@code until}: a queued one to send or an unknown one to
     * reconcile; it comes with the state it had, which says which of the two. One at a time, so that a lease covers
     * one network call, not a batch of them. Replies in {@code not} (taken earlier in the same round) are left for the
     * next round.
     */
    Optional<Entry> claim(String node, Instant now, Instant until, java.util.Collection<ReplyId> not) {
        return jdbc.sql("""
                        with due as (
                            select id, state as was
                              from publish.outbox
                             where state in ('QUEUED', 'UNKNOWN') and next_attempt_at <= :now
                               and id <> all(:not::uuid[])
                             order by next_attempt_at, created_at
                             limit 1
                               for update skip locked)
                        update publish.outbox o
                           set state = 'SENDING', leased_by = :node, leased_until = :until,
                               attempts = o.attempts + 1
                          from due
                         where o.id = due.id
                        returning o.*, due.was
                        """)
                .param("now", at(now))
                .param("until", at(until))
                .param("node", node)
                .param("not", not.stream().map(ReplyId::value).toArray(UUID[]::new))
                .query((rs, row) -> entry(rs))
                .optional();
    }

    /** Records the network's id; false if this node no longer holds the reply (its lease ran out). */
    boolean delivered(ReplyId id, String node, Delivery delivery) {
        return jdbc.sql("""
                        update publish.outbox
                           set state = 'DELIVERED', external_id = :externalId, url = :url, delivered_at = :at,
                               leased_by = null, leased_until = null, problem = null
                         where id = :id and state = 'SENDING' and leased_by = :node
                        """)
                        .param("id", id.value())
                        .param("node", node)
                        .param("externalId", delivery.externalId())
                        .param("url", delivery.url())
                        .param("at", at(delivery.at()))
                        .update()
                == 1;
    }

    /**
     * Puts the reply back as {@code state} (queued, or unknown while it is not known whether the network has it), to be
     * tried at {@code next}; {@code problem} says why, for people. A wait the network asked for gives the attempt back.
     */
    void later(ReplyId id, String node, ReplyState state, Instant next, String problem, boolean givesAttemptBack) {
        jdbc.sql("""
                        update publish.outbox
                           set state = :state, next_attempt_at = :next, problem = :problem,
                               leased_by = null, leased_until = null,
                               attempts = attempts - case when :back then 1 else 0 end
                         where id = :id and state = 'SENDING' and leased_by = :node
                        """)
                .param("id", id.value())
                .param("node", node)
                .param("state", state.name())
                .param("next", at(next))
                .param("problem", problem)
                .param("back", givesAttemptBack)
                .update();
    }

    /**
     * Fails the reply until a person acts; {@code outcomeUnknown} when the network may have it after all. False if this
     * node no longer holds it.
     */
    boolean failed(ReplyId id, String node, String problem, boolean outcomeUnknown) {
        return jdbc.sql("""
                        update publish.outbox
                           set state = 'FAILED', problem = :problem, outcome_unknown = :unknown,
                               leased_by = null, leased_until = null
                         where id = :id and state = 'SENDING' and leased_by = :node
                        """)
                        .param("id", id.value())
                        .param("node", node)
                        .param("problem", problem)
                        .param("unknown", outcomeUnknown)
                        .update()
                == 1;
    }

    /**
     * A person sends a failed reply again, as a new round of attempts: one the network may have is looked up there
     * first (unknown), any other is queued. Empty if it is not failed (any more): of two people at once, one re-queues it.
     */
    Optional<OutgoingReply> again(WorkspaceId workspace, ReplyId id, Instant now) {
        return jdbc.sql("""
                        update publish.outbox
                           set state = case when outcome_unknown then 'UNKNOWN' else 'QUEUED' end,
                               problem = case when outcome_unknown then :lookFirst end,
                               outcome_unknown = false, attempts = 0, next_attempt_at = :now
                         where workspace_id = :workspace and id = :id and state = 'FAILED'
                        returning *
                        """)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .param("now", at(now))
                .param(
                        "lookFirst",
                        "Sent again; the network may have it already, so it is looked up there before it is sent.")
                .query((rs, row) -> view(rs))
                .optional();
    }

    /** A person gives up on a failed reply; empty if it is not failed (any more). */
    Optional<OutgoingReply> discard(WorkspaceId workspace, ReplyId id) {
        return jdbc.sql("""
                        update publish.outbox set state = 'DISCARDED'
                         where workspace_id = :workspace and id = :id and state = 'FAILED'
                        returning *
                        """)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> view(rs))
                .optional();
    }

    /** A delivered reply as the inbox records it: what {@link #queue} stored, with the network's answer. */
    Optional<Entry> delivered(ReplyId id) {
        return jdbc.sql("select *, state as was from publish.outbox where id = :id and state = 'DELIVERED'")
                .param("id", id.value())
                .query((rs, row) -> entry(rs))
                .optional();
    }

    /** The reply, if it is the workspace's. */
    Optional<OutgoingReply> find(WorkspaceId workspace, ReplyId id) {
        return jdbc.sql("select * from publish.outbox where workspace_id = :workspace and id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> view(rs))
                .optional();
    }

    /** The conversation's replies, oldest first. */
    List<OutgoingReply> of(WorkspaceId workspace, ConversationId conversation) {
        return jdbc.sql("""
                        select * from publish.outbox
                         where workspace_id = :workspace and conversation_id = :conversation
                         order by created_at, id
                        """)
                .param("workspace", workspace.value())
                .param("conversation", conversation.value())
                .query((rs, row) -> view(rs))
                .list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Array references = rs.getArray("reference_ids");
        return new Entry(
                new ReplyId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                rs.getString("network"),
                ConversationKind.valueOf(rs.getString("kind")),
                rs.getString("author_name"),
                rs.getString("author_handle"),
                ReplyState.valueOf(rs.getString("was")),
                rs.getInt("attempts"),
                new Reply(
                        rs.getObject("id", UUID.class).toString(),
                        rs.getString("parent_external_id"),
                        rs.getString("thread_root"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        Arrays.asList((String[]) references.getArray())));
    }

    private static OutgoingReply view(ResultSet rs) throws SQLException {
        return new OutgoingReply(
                new ReplyId(rs.getObject("id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                ReplyState.valueOf(rs.getString("state")),
                rs.getString("body"),
                rs.getString("author_name"),
                instant(rs, "created_at"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("external_id"),
                rs.getString("url"),
                instant(rs, "delivered_at"),
                rs.getString("problem"),
                rs.getBoolean("outcome_unknown"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
