package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue of moderation to carry out at the networks (hide a message as spam, approve it again): written in the
 * transaction that decided it, carried out by {@link NetworkModerationWorker} under a lease.
 */
@Component
class NetworkModeration {

    /** One action at a network, as the worker needs it. */
    record Action(
            UUID id,
            WorkspaceId workspace,
            MessageId message,
            ConversationId conversation,
            ChannelAccountId account,
            String network,
            String externalId,
            dev.mandate.channel.Moderation moderation,
            int attempts,
            String reasons) {}

    private final JdbcClient jdbc;

    NetworkModeration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queue(
            WorkspaceId workspace,
            UUID message,
            UUID conversation,
            ChannelAccountId account,
            String network,
            String externalId,
            dev.mandate.channel.Moderation moderation,
            String reasons,
            Instant now) {
        jdbc.sql("""
                        insert into inbox.moderation_action (id, workspace_id, message_id, conversation_id,
                                                             channel_account_id, network, external_id, action,
                                                             state, next_attempt_at, reasons, created_at)
                        values (:id, :workspace, :message, :conversation, :account, :network, :externalId, :action,
                                'QUEUED', :now, :reasons, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("workspace", workspace.value())
                .param("message", message)
                .param("conversation", conversation)
                .param("account", account.value())
                .param("network", network)
                .param("externalId", externalId)
                .param("action", moderation.name())
                .param("reasons", reasons)
                .param("now", at(now))
                .update();
        // A restore cancels a hide that has not gone out yet, and the other way round: only the latest word counts.
        jdbc.sql("""
                        update inbox.moderation_action set state = 'DONE', done_at = :now, problem = 'Superseded.'
                         where workspace_id = :workspace and message_id = :message and action <> :action
                           and state = 'QUEUED'
                        """)
                .param("workspace", workspace.value())
                .param("message", message)
                .param("action", moderation.name())
                .param("now", at(now))
                .update();
    }

    /** Claims the next due action until {@code until}; actions in {@code not} wait for the next round. */
    Optional<Action> claim(Instant now, Instant until, Collection<UUID> not) {
        return jdbc.sql("""
                        with due as (
                            select id from inbox.moderation_action
                             where ((state = 'QUEUED' and next_attempt_at <= :now)
                                    or (state = 'WORKING' and leased_until < :now))
                               and id <> all(:not::uuid[])
                             order by next_attempt_at, created_at
                             limit 1
                               for update skip locked)
                        update inbox.moderation_action a
                           set state = 'WORKING', leased_until = :until, attempts = a.attempts + 1
                          from due
                         where a.id = due.id
                        returning a.*
                        """)
                .param("now", at(now))
                .param("until", at(until))
                .param("not", not.toArray(UUID[]::new))
                .query((rs, row) -> action(rs))
                .optional();
    }

    boolean done(UUID id, Instant now) {
        return jdbc.sql("""
                        update inbox.moderation_action set state = 'DONE', done_at = :now, leased_until = null,
                                                           problem = null
                         where id = :id and state = 'WORKING'
                        """).param("id", id).param("now", at(now)).update() == 1;
    }

    void later(UUID id, Instant next, String problem) {
        jdbc.sql("""
                        update inbox.moderation_action set state = 'QUEUED', next_attempt_at = :next, problem = :problem,
                                                           leased_until = null
                         where id = :id and state = 'WORKING'
                        """)
                .param("id", id)
                .param("next", at(next))
                .param("problem", problem)
                .update();
    }

    boolean failed(UUID id, String problem) {
        return jdbc.sql("""
                        update inbox.moderation_action set state = 'FAILED', problem = :problem, leased_until = null
                         where id = :id and state = 'WORKING'
                        """).param("id", id).param("problem", problem).update() == 1;
    }

    /** The actions taken on a message at its network, oldest first. */
    List<ModerationAction> of(WorkspaceId workspace, MessageId message) {
        return jdbc.sql("""
                        select action, state, attempts, problem, created_at, done_at from inbox.moderation_action
                         where workspace_id = :workspace and message_id = :message
                         order by created_at
                        """)
                .param("workspace", workspace.value())
                .param("message", message.value())
                .query((rs, row) -> new ModerationAction(
                        rs.getString("action"),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        rs.getString("problem"),
                        instant(rs, "created_at"),
                        instant(rs, "done_at")))
                .list();
    }

    private static Action action(ResultSet rs) throws SQLException {
        UUID conversation = rs.getObject("conversation_id", UUID.class);
        return new Action(
                rs.getObject("id", UUID.class),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new MessageId(rs.getObject("message_id", UUID.class)),
                conversation == null ? null : new ConversationId(conversation),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                rs.getString("network"),
                rs.getString("external_id"),
                dev.mandate.channel.Moderation.valueOf(rs.getString("action")),
                rs.getInt("attempts"),
                rs.getString("reasons"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
