package dev.mandate.channel;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform incidents: times when a network was down or overloaded for an account, opened and closed by the sync or
 * entered by a person. Service levels exclude them ({@link #during}).
 */
@Service
public class Incidents {

    private static final String SELECT = """
            select i.*, a.network, a.name as account_name
              from channel.incident i
              join channel.account a on a.id = i.account_id
            """;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Incidents(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The workspace's incidents, newest first. */
    @Transactional(readOnly = true)
    public List<Incident> of(WorkspaceId workspace, int limit) {
        return jdbc.sql(SELECT + " where i.workspace_id = :w order by i.started_at desc, i.id limit :limit")
                .param("w", workspace.value())
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(Incidents::read)
                .list();
    }

    /** The incidents that overlap the period from {@code from} up to {@code to}, oldest first; open ones count as lasting until now. */
    @Transactional(readOnly = true)
    public List<Incident> during(WorkspaceId workspace, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInput("from", "Give a period whose start lies before its end.");
        }
        return jdbc.sql(SELECT + """
                         where i.workspace_id = :w and i.started_at < :to
                           and (i.ended_at is null or i.ended_at > :from)
                         order by i.started_at, i.id
                        """)
                .param("w", workspace.value())
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query(Incidents::read)
                .list();
    }

    @Transactional(readOnly = true)
    public Incident get(WorkspaceId workspace, IncidentId id) {
        return jdbc.sql(SELECT + " where i.workspace_id = :w and i.id = :id")
                .param("w", workspace.value())
                .param("id", id.value())
                .query(Incidents::read)
                .optional()
                .orElseThrow(() -> new NotFound("incident"));
    }

    /** Enters an incident by hand; the brand and the agency lead may. {@code endedAt} may be {@code null}: open. */
    @Transactional
    public Incident add(Membership by, ChannelAccountId account, Instant startedAt, Instant endedAt, String cause) {
        requireMayRecord(by);
        if (account == null) {
            throw new InvalidInput("accountId", "Choose the account whose network failed.");
        }
        if (startedAt == null) {
            throw new InvalidInput("startedAt", "Give the time the incident started.");
        }
        if (startedAt.isAfter(clock.instant())) {
            throw new InvalidInput("startedAt", "An incident cannot start in the future.");
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new InvalidInput("endedAt", "An incident cannot end before it started.");
        }
        String text = cause == null ? "" : cause.trim();
        if (text.isEmpty() || text.length() > 1000) {
            throw new InvalidInput("cause", "Say what happened, in at most 1000 characters.");
        }
        boolean known = jdbc.sql("select count(*) from channel.account where workspace_id = :w and id = :id")
                        .param("w", by.workspaceId().value())
                        .param("id", account.value())
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            throw new InvalidInput("accountId", "The workspace has no such account.");
        }
        Incident incident =
                insert(by.workspaceId(), account, startedAt, endedAt, text, Incident.Source.MANUAL, by.accountId());
        events.publishEvent(new ChannelEvents.IncidentOpened(by.workspaceId(), by.actor(), incident));
        return incident;
    }

    /** Ends an open incident by hand, at {@code endedAt} (now if {@code null}). */
    @Transactional
    public Incident end(Membership by, IncidentId id, Instant endedAt) {
        requireMayRecord(by);
        Incident incident = get(by.workspaceId(), id);
        if (!incident.open()) {
            throw new Conflict("incident-ended", "This incident has already ended.");
        }
        Instant at = endedAt == null ? clock.instant() : endedAt;
        if (at.isBefore(incident.startedAt())) {
            throw new InvalidInput("endedAt", "An incident cannot end before it started.");
        }
        return close(by.workspaceId(), id, at, by.actor()).orElseThrow(() -> new NotFound("incident"));
    }

    /** Opens the automatic incident of an account unless one is open; returns it if this call opened it. */
    @Transactional
    Optional<Incident> openAutomatic(ChannelAccount account, Instant startedAt, String cause) {
        boolean open =
                jdbc.sql("""
                        select count(*) from channel.incident
                         where account_id = :a and ended_at is null and source = 'automatic'
                        """).param("a", account.id().value()).query(Long.class).single() > 0;
        if (open) {
            return Optional.empty();
        }
        String text = cause == null || cause.isBlank() ? "The network did not answer." : cause.strip();
        Incident incident = insert(
                account.workspaceId(),
                account.id(),
                startedAt,
                null,
                text.length() > 1000 ? text.substring(0, 1000) : text,
                Incident.Source.AUTOMATIC,
                null);
        events.publishEvent(new ChannelEvents.IncidentOpened(account.workspaceId(), Actor.SYSTEM, incident));
        return Optional.of(incident);
    }

    /** Closes the open automatic incident of an account, if there is one. */
    @Transactional
    Optional<Incident> closeAutomatic(ChannelAccount account, Instant endedAt) {
        return jdbc.sql("""
                        select id from channel.incident
                         where account_id = :a and ended_at is null and source = 'automatic'
                        """)
                .param("a", account.id().value())
                .query(UUID.class)
                .optional()
                .flatMap(id -> close(account.workspaceId(), new IncidentId(id), endedAt, Actor.SYSTEM));
    }

    private Optional<Incident> close(WorkspaceId workspace, IncidentId id, Instant endedAt, Actor actor) {
        int changed = jdbc.sql("""
                        update channel.incident set ended_at = greatest(:at, started_at)
                         where workspace_id = :w and id = :id and ended_at is null
                        """)
                .param("at", endedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param("w", workspace.value())
                .param("id", id.value())
                .update();
        if (changed == 0) {
            return Optional.empty();
        }
        Incident incident = get(workspace, id);
        events.publishEvent(new ChannelEvents.IncidentEnded(workspace, actor, incident));
        return Optional.of(incident);
    }

    private Incident insert(
            WorkspaceId workspace,
            ChannelAccountId account,
            Instant startedAt,
            Instant endedAt,
            String cause,
            Incident.Source source,
            AccountId by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into channel.incident (id, workspace_id, account_id, started_at, ended_at, cause, source,
                                                      created_by, created_at)
                        values (:id, :w, :a, :start, :end, :cause, :source, :by, :now)
                        """)
                .param("id", id)
                .param("w", workspace.value())
                .param("a", account.value())
                .param("start", startedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param(
                        "end",
                        endedAt == null
                                ? null
                                : endedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param("cause", cause)
                .param("source", source.name().toLowerCase(java.util.Locale.ROOT))
                .param("by", by == null ? null : by.value())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return get(workspace, new IncidentId(id));
    }

    static void requireMayRecord(Membership by) {
        by.requireMayChange();
        if (by.party() != Party.BRAND && by.role() != Role.LEAD) {
            throw new Forbidden("Only the brand and the agency lead record incidents.");
        }
    }

    private static Incident read(ResultSet rs, int row) throws SQLException {
        UUID createdBy = rs.getObject("created_by", UUID.class);
        return new Incident(
                new IncidentId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new ChannelAccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("network"),
                rs.getString("account_name"),
                ChannelAccounts.instant(rs, "started_at"),
                ChannelAccounts.instant(rs, "ended_at"),
                rs.getString("cause"),
                Incident.Source.valueOf(rs.getString("source").toUpperCase(java.util.Locale.ROOT)),
                createdBy == null ? null : new AccountId(createdBy));
    }
}
