package dev.mandate.inbox;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the inbox list: a workspace's conversations, filtered, newest first or longest waiting first, one
 * keyset-paged slice at a time. The statement is put together from fixed pieces for the filters in use (every
 * value is a parameter), so that each combination gets a plan of its own that starts at the cursor.
 */
@Component
class ConversationSummaries {

    static final int PREVIEW_LENGTH = 280;

    private static final String SELECT = """
            select c.id, c.network, c.kind, c.context_title, c.state, c.priority, c.language, c.started_at,
                   c.last_message_at, c.waiting_since, c.assigned_party, c.assignee_id, c.tags,
                   opening.author_name, left(opening.body, %d) as preview, counted.messages
              from inbox.conversation c
              left join lateral (select m.author_name, m.body
                                   from inbox.message m
                                  where m.conversation_id = c.id and m.workspace_id = c.workspace_id
                                  order by m.created_at, m.id
                                  limit 1) opening on true
              cross join lateral (select count(*) as messages
                                    from inbox.message m
                                   where m.conversation_id = c.id and m.workspace_id = c.workspace_id) counted
             where c.workspace_id = :workspace
            """.formatted(PREVIEW_LENGTH);

    /** German and English stemming together: a conversation matches if either reading of the words does. */
    static final String TEXT_QUERY =
            "(websearch_to_tsquery('german', :text) || websearch_to_tsquery('english', :text))";

    private final JdbcClient jdbc;

    ConversationSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConversationPage page(
            WorkspaceId workspace,
            AccountId me,
            ConversationFilter filter,
            ConversationSort sort,
            int limit,
            ConversationCursor after) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("workspace", workspace.value());
        where(filter, me, sql, params);
        switch (sort) {
            case NEWEST -> {
                if (after != null) {
                    sql.append("   and (c.last_message_at, c.id) < (:afterAt, :afterId)\n");
                }
                sql.append(" order by c.last_message_at desc, c.id desc\n");
            }
            case OLDEST_WAITING -> {
                sql.append("   and c.waiting_since is not null and c.state <> 'CLOSED'\n");
                if (after != null) {
                    sql.append("   and (c.waiting_since, c.id) > (:afterAt, :afterId)\n");
                }
                sql.append(" order by c.waiting_since, c.id\n");
            }
        }
        sql.append(" limit :limit");
        if (after != null) {
            params.put("afterAt", after.at().atOffset(ZoneOffset.UTC));
            params.put("afterId", after.id().value());
        }
        // One more than asked for tells whether there is a next page without counting.
        params.put("limit", limit + 1);
        List<ConversationSummary> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> summary(rs))
                .list();
        if (rows.size() <= limit) {
            return new ConversationPage(rows, null);
        }
        List<ConversationSummary> page = rows.subList(0, limit);
        return new ConversationPage(page, page.get(limit - 1).cursor(sort));
    }

    private static void where(ConversationFilter filter, AccountId me, StringBuilder sql, Map<String, Object> params) {
        if (!filter.states().isEmpty()) {
            sql.append("   and c.state = any(:states::text[])\n");
            params.put(
                    "states", filter.states().stream().map(Enum::name).sorted().toArray(String[]::new));
        }
        ConversationFilter.Assignee assignee = filter.assignee();
        if (assignee instanceof ConversationFilter.Assignee.Nobody) {
            sql.append("   and c.assignee_id is null\n");
        } else if (assignee instanceof ConversationFilter.Assignee.Me) {
            sql.append("   and c.assignee_id = :assignee\n");
            params.put("assignee", me.value());
        } else if (assignee instanceof ConversationFilter.Assignee.Member member) {
            sql.append("   and c.assignee_id = :assignee\n");
            params.put("assignee", member.account().value());
        }
        if (filter.party() != null) {
            sql.append("   and c.assigned_party = :party\n");
            params.put("party", filter.party().name());
        }
        if (filter.network() != null) {
            sql.append("   and c.network = :network\n");
            params.put("network", filter.network());
        }
        if (filter.tag() != null) {
            sql.append("   and c.tags @> array[:tag]::text[]\n");
            params.put("tag", filter.tag());
        }
        if (filter.language() != null) {
            sql.append("   and c.language = :language\n");
            params.put("language", filter.language());
        }
        if (filter.priority() != null) {
            sql.append("   and c.priority = :priority\n");
            params.put("priority", filter.priority().name());
        }
        if (filter.text() != null) {
            sql.append("   and c.search @@ ").append(TEXT_QUERY).append('\n');
            params.put("text", filter.text());
        }
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        String party = rs.getString("assigned_party");
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        OffsetDateTime waiting = rs.getObject("waiting_since", OffsetDateTime.class);
        return new ConversationSummary(
                new ConversationId(rs.getObject("id", UUID.class)),
                rs.getString("network"),
                ConversationKind.valueOf(rs.getString("kind")),
                rs.getString("context_title"),
                ConversationState.valueOf(rs.getString("state")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("language"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                waiting == null ? null : waiting.toInstant(),
                party == null ? null : Party.valueOf(party),
                assignee == null ? null : new AccountId(assignee),
                tags(rs.getArray("tags")),
                rs.getString("author_name"),
                rs.getString("preview"),
                rs.getInt("messages"));
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
