package dev.mandate.routing;

import dev.mandate.shared.InvalidInput;
import dev.mandate.workspace.Membership;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Computes the {@link InterfaceReport} from the hand-offs and the briefing's uses, in one read-only snapshot. */
@Service
public class InterfaceReports {

    private final JdbcClient jdbc;
    private final Clock clock;

    InterfaceReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The last {@code weeks} weeks, this one included. */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public InterfaceReport report(Membership by, int weeks) {
        if (weeks < 1 || weeks > 104) {
            throw new InvalidInput("weeks", "Between 1 and 104 weeks.");
        }
        ZoneId zone = ZoneId.of(by.workspace().timeZone());
        Instant now = clock.instant();
        LocalDate firstMonday = LocalDate.ofInstant(now, zone)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(weeks - 1L);
        Instant from = firstMonday.atStartOfDay(zone).toInstant();
        UUID workspace = by.workspaceId().value();
        List<InterfaceReport.Week> perWeek = jdbc.sql("""
                        select (date_trunc('week', opened_at at time zone :zone))::date as week,
                               count(*) as opened,
                               count(*) filter (where state = 'ANSWERED') as answered,
                               count(*) filter (where state = 'TAKEN_OVER') as taken_over,
                               count(*) filter (where state = 'RETURNED') as returned,
                               count(*) filter (where state in ('ANSWERED', 'TAKEN_OVER') and closed_at <= deadline)
                                   as in_time
                          from routing.handoff
                         where workspace_id = :workspace and opened_at >= :from
                         group by 1 order by 1
                        """)
                .param("zone", zone.getId())
                .param("workspace", workspace)
                .param("from", Timestamp.from(from))
                .query((rs, row) -> new InterfaceReport.Week(
                        rs.getObject("week", LocalDate.class),
                        rs.getInt("opened"),
                        rs.getInt("answered"),
                        rs.getInt("taken_over"),
                        rs.getInt("returned"),
                        rs.getInt("in_time")))
                .list();
        record Timing(Long median, Long p90, int decided, int inTime) {}
        Timing timing = jdbc.sql("""
                        select percentile_cont(0.5) within group (order by extract(epoch from closed_at - opened_at))
                                   filter (where state in ('ANSWERED', 'TAKEN_OVER')) as median,
                               percentile_cont(0.9) within group (order by extract(epoch from closed_at - opened_at))
                                   filter (where state in ('ANSWERED', 'TAKEN_OVER')) as p90,
                               count(*) filter (where state in ('ANSWERED', 'TAKEN_OVER')
                                                   or (state = 'OPEN' and deadline < :now)) as decided,
                               count(*) filter (where state in ('ANSWERED', 'TAKEN_OVER') and closed_at <= deadline)
                                   as in_time
                          from routing.handoff
                         where workspace_id = :workspace and opened_at >= :from
                        """)
                .param("workspace", workspace)
                .param("from", Timestamp.from(from))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new Timing(
                        rs.getObject("median") == null ? null : Math.round(rs.getDouble("median")),
                        rs.getObject("p90") == null ? null : Math.round(rs.getDouble("p90")),
                        rs.getInt("decided"),
                        rs.getInt("in_time")))
                .single();
        List<InterfaceReport.RuleCount> rules = jdbc.sql("""
                        select rule_id, case when rule_id is null then 'people' else max(requested_by) end as label,
                               count(*) as handoffs
                          from routing.handoff
                         where workspace_id = :workspace and opened_at >= :from
                         group by rule_id order by handoffs desc, rule_id nulls last
                        """)
                .param("workspace", workspace)
                .param("from", Timestamp.from(from))
                .query((rs, row) -> new InterfaceReport.RuleCount(
                        rs.getString("rule_id"), rs.getString("label"), rs.getInt("handoffs")))
                .list();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<InterfaceReport.Use> uses = jdbc.sql("""
                        select e.id, e.question, coalesce(e.valid_until < :today, false) as expired,
                               (select count(*) from routing.insertion i
                                 where i.workspace_id = e.workspace_id and i.kind = 'BRIEFING' and i.item_id = e.id
                                   and i.used_at >= :from) as uses
                          from routing.briefing_entry e
                         where e.workspace_id = :workspace
                         order by uses desc, e.question, e.id
                        """)
                .param("workspace", workspace)
                .param("from", Timestamp.from(from))
                .param("today", today)
                .query((rs, row) -> new InterfaceReport.Use(
                        rs.getObject("id", UUID.class),
                        rs.getString("question"),
                        rs.getInt("uses"),
                        rs.getBoolean("expired")))
                .list();
        return new InterfaceReport(
                from,
                now,
                perWeek,
                timing.median(),
                timing.p90(),
                timing.decided(),
                timing.inTime(),
                timing.decided() == 0 ? null : (double) timing.inTime() / timing.decided(),
                rules,
                uses.stream().filter(u -> u.uses() > 0).toList(),
                uses.stream().filter(u -> u.uses() == 0).toList());
    }
}
