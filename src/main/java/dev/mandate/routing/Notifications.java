package dev.mandate.routing;

import dev.mandate.shared.Conflict;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification outbox: a requested notification is written here in the transaction that asks for it (so it is
 * sent if and only if that transaction commits), and the {@link NotificationWorker} sends it afterwards, outside any
 * transaction, with retries. Delivery is at least once: a worker that dies after sending and before recording it
 * sends again; webhook receivers recognise a repeat by the {@code Mandate-Delivery} header.
 */
@Component
class Notifications {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What is in the outbox, as the worker and the pages read it. */
    record Notification(
            UUID id,
            WorkspaceId workspace,
            NotificationRequested.Via via,
            String target,
            String event,
            String subject,
            String text,
            Map<String, String> data,
            String state,
            int attempts,
            Instant nextAttemptAt,
            String problem,
            Instant createdAt,
            Instant sentAt) {}

    /** Joins the publishing transaction: the notification is queued exactly when what caused it commits. */
    @EventListener
    void on(NotificationRequested requested) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into routing.notification (id, workspace_id, via, target, event, subject, body, data,
                                                          state, next_attempt_at, created_at)
                        values (:id, :workspace, :via, :target, :event, :subject, :body, :data::jsonb, 'QUEUED', :now,
                                :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("workspace", requested.workspaceId().value())
                .param("via", requested.via().name())
                .param("target", requested.target())
                .param("event", requested.event())
                .param("subject", requested.subject())
                .param("body", requested.text())
                .param("data", JSON.writeValueAsString(new LinkedHashMap<>(requested.data())))
                .param("now", at(now))
                .update();
    }

    /**
     * Claims the next due notification until {@code until}: a queued one, or one whose worker's lease ran out (it
     * died mid-send).
     */
    Optional<Notification> claim(Instant now, Instant until, List<UUID> not) {
        return jdbc.sql("""
                        with due as (
                            select id from routing.notification
                             where ((state = 'QUEUED' and next_attempt_at <= :now)
                                    or (state = 'SENDING' and next_attempt_at <= :now))
                               and id <> all(:not::uuid[])
                             order by next_attempt_at, created_at
                             limit 1
                               for update skip locked)
                        update routing.notification n
                           set state = 'SENDING', attempts = n.attempts + 1, next_attempt_at = :until,
                               leased_until = :until
                          from due where n.id = due.id
                        returning n.*
                        """)
                .param("now", at(now))
                .param("until", at(until))
                .param("not", not.toArray(UUID[]::new))
                .query((rs, row) -> notification(rs))
                .optional();
    }

    void sent(UUID id) {
        jdbc.sql("""
                        update routing.notification
                           set state = 'SENT', sent_at = :now, leased_until = null, problem = null
                         where id = :id
                        """).param("id", id).param("now", at(clock.instant())).update();
    }

    void later(UUID id, Instant next, String problem) {
        jdbc.sql("""
                        update routing.notification
                           set state = 'QUEUED', next_attempt_at = :next, leased_until = null, problem = :problem
                         where id = :id
                        """)
                .param("id", id)
                .param("next", at(next))
                .param("problem", problem)
                .update();
    }

    void failed(UUID id, String problem) {
        jdbc.sql("""
                        update routing.notification
                           set state = 'FAILED', leased_until = null, problem = :problem
                         where id = :id
                        """).param("id", id).param("problem", problem).update();
    }

    /** Sends a failed notification again, from the first attempt. */
    @Transactional
    void retry(Membership by, UUID id) {
        String state = jdbc.sql("select state from routing.notification where id = :id and workspace_id = :workspace")
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFound("notification"));
        by.requireMayChange();
        if (!state.equals("FAILED")) {
            throw new Conflict("notification-not-failed", "Only a failed notification is sent again.");
        }
        jdbc.sql("""
                        update routing.notification
                           set state = 'QUEUED', attempts = 0, next_attempt_at = :now, problem = null
                         where id = :id and workspace_id = :workspace and state = 'FAILED'
                        """)
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .param("now", at(clock.instant()))
                .update();
    }

    /** The workspace's notifications, newest first. */
    List<Notification> of(WorkspaceId workspace, int limit) {
        return jdbc.sql("""
                        select * from routing.notification where workspace_id = :workspace
                         order by created_at desc, id limit :limit
                        """)
                .param("workspace", workspace.value())
                .param("limit", limit)
                .query((rs, row) -> notification(rs))
                .list();
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        return new Notification(
                rs.getObject("id", UUID.class),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                NotificationRequested.Via.valueOf(rs.getString("via")),
                rs.getString("target"),
                rs.getString("event"),
                rs.getString("subject"),
                rs.getString("body"),
                JSON.readValue(rs.getString("data"), new TypeReference<Map<String, String>>() {}),
                rs.getString("state"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("problem"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
