package dev.mandate.routing;

import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stored versions of each workspace's rule set, their approvals, and the rules disabled at run time. */
@Component
class RuleSets {

    private static final String COLUMNS = """
            version, body::text as body, changes, saved_at, saved_by_name, saved_by_party, approved_at,
            approved_by_name""";

    private final JdbcClient jdbc;

    RuleSets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the next version; approved at once when {@code approved} (a brand owner's own save). */
    RuleSetVersion save(WorkspaceId workspace, Actor by, String body, String changes, Instant at, boolean approved) {
        try {
            int version = jdbc.sql("""
                            insert into routing.rule_set (workspace_id, version, body, changes, saved_at, saved_by,
                                                          saved_by_name, saved_by_party, approved_at, approved_by,
                                                          approved_by_name)
                            select :workspace, coalesce(max(version), 0) + 1, :body::jsonb, :changes, :at, :by, :name,
                                   :party, case when :approved then :at end, case when :approved then :by end,
                                   case when :approved then :name end
                              from routing.rule_set where workspace_id = :workspace
                            returning version
                            """)
                    .param("workspace", workspace.value())
                    .param("body", body)
                    .param("changes", changes)
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .param("by", by.accountId() == null ? null : by.accountId().value())
                    .param("name", by.name())
                    .param("party", by.party().name())
                    .param("approved", approved)
                    .query(Integer.class)
                    .single();
            return get(workspace, version).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new Conflict(
                    "concurrent-change", "Someone saved the rule set at the same moment; load it and retry.");
        }
    }

    /** Approves a draft; false if it was approved already. */
    boolean approve(WorkspaceId workspace, int version, Actor by, Instant at) {
        return jdbc.sql("""
                        update routing.rule_set
                           set approved_at = :at, approved_by = :by, approved_by_name = :name
                         where workspace_id = :workspace and version = :version and approved_at is null
                        """)
                        .param("at", at.atOffset(ZoneOffset.UTC))
                        .param(
                                "by",
                                by.accountId() == null ? null : by.accountId().value())
                        .param("name", by.name())
                        .param("workspace", workspace.value())
                        .param("version", version)
                        .update()
                > 0;
    }

    Optional<RuleSetVersion> get(WorkspaceId workspace, int version) {
        return jdbc.sql("select " + COLUMNS + " from routing.rule_set where workspace_id = :workspace and version = :v")
                .param("workspace", workspace.value())
                .param("v", version)
                .query(RuleSets::version)
                .optional();
    }

    /** The version in force at {@code at}: the last one approved at or before it. */
    Optional<RuleSetVersion> inForce(WorkspaceId workspace, Instant at) {
        return jdbc.sql("select " + COLUMNS + """
                         from routing.rule_set
                        where workspace_id = :workspace and approved_at <= :at
                        order by approved_at desc, version desc limit 1
                        """)
                .param("workspace", workspace.value())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .query(RuleSets::version)
                .optional();
    }

    Optional<RuleSetVersion> latest(WorkspaceId workspace) {
        return jdbc.sql("select " + COLUMNS
                        + " from routing.rule_set where workspace_id = :workspace order by version desc limit 1")
                .param("workspace", workspace.value())
                .query(RuleSets::version)
                .optional();
    }

    /** Every version, newest first. */
    List<RuleSetVersion> all(WorkspaceId workspace) {
        return jdbc.sql("select " + COLUMNS
                        + " from routing.rule_set where workspace_id = :workspace order by version desc")
                .param("workspace", workspace.value())
                .query(RuleSets::version)
                .list();
    }

    /** The rules of a version that failed at run time, with why. */
    Map<String, String> disabled(WorkspaceId workspace, int version) {
        Map<String, String> disabled = new LinkedHashMap<>();
        jdbc.sql("""
                        select rule_id, reason from routing.disabled_rule
                         where workspace_id = :workspace and version = :version order by disabled_at
                        """)
                .param("workspace", workspace.value())
                .param("version", version)
                .query((rs, row) -> disabled.put(rs.getString("rule_id"), rs.getString("reason")))
                .list();
        return disabled;
    }

    /** Disables a rule of a version; false if it was disabled already. */
    boolean disable(WorkspaceId workspace, int version, String rule, String reason, Instant at) {
        return jdbc.sql("""
                        insert into routing.disabled_rule (workspace_id, version, rule_id, reason, disabled_at)
                        values (:workspace, :version, :rule, :reason, :at)
                        on conflict do nothing
                        """)
                        .param("workspace", workspace.value())
                        .param("version", version)
                        .param("rule", rule)
                        .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                        .param("at", at.atOffset(ZoneOffset.UTC))
                        .update()
                > 0;
    }

    /** The next in turn among {@code size} people of a group, advancing the turn. */
    int nextTurn(WorkspaceId workspace, String group, int size) {
        int turn = jdbc.sql("""
                        insert into routing.turn (workspace_id, group_name, next) values (:workspace, :group, 1)
                        on conflict (workspace_id, group_name) do update set next = routing.turn.next + 1
                        returning next - 1
                        """)
                .param("workspace", workspace.value())
                .param("group", group)
                .query(Integer.class)
                .single();
        return Math.floorMod(turn, size);
    }

    private static RuleSetVersion version(ResultSet rs, int row) throws SQLException {
        OffsetDateTime approved = rs.getObject("approved_at", OffsetDateTime.class);
        return new RuleSetVersion(
                rs.getInt("version"),
                rs.getString("body"),
                rs.getString("changes"),
                rs.getObject("saved_at", OffsetDateTime.class).toInstant(),
                rs.getString("saved_by_name"),
                Party.valueOf(rs.getString("saved_by_party")),
                approved == null ? null : approved.toInstant(),
                rs.getString("approved_by_name"));
    }
}
