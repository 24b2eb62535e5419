package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the inbox list: a workspace's conversations newest first, one keyset-paged slice at a time. */
@Component
class ConversationSummaries {

    static final int PREVIEW_LENGTH = 280;

    // Two statements rather than one with "cursor is null or ...": a generic plan of the latter cannot start
    // the index scan at the cursor, and deep pages would read every newer row again.
    private static final String SELECT = """
            select c.id, c.network, c.context_title, c.state, c.priority, c.language, c.started_at,
                   c.last_message_at, opening.author_name, left(opening.body, %d) as preview, counted.messages
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
    private static final String NEWEST = SELECT + """
             order by c.last_message_at desc, c.id desc
             limit :limit
            """;
    private static final String OLDER = SELECT + """
               and (c.last_message_at, c.id) < (:beforeAt, :beforeId)
             order by c.last_message_at desc, c.id desc
             limit :limit
            """;

    private final JdbcClient jdbc;

    ConversationSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConversationPage page(WorkspaceId workspace, int limit, ConversationCursor before) {
        JdbcClient.StatementSpec statement = before == null
                ? jdbc.sql(NEWEST)
                : jdbc.sql(OLDER)
                        .param("beforeAt", before.lastMessageAt().atOffset(ZoneOffset.UTC))
                        .param("beforeId", before.id().value());
        // One more than asked for tells whether there is a next page without counting.
        List<ConversationSummary> rows = statement
                .param("workspace", workspace.value())
                .param("limit", limit + 1)
                .query((rs, row) -> summary(rs))
                .list();
        if (rows.size() <= limit) {
            return new ConversationPage(rows, null);
        }
        List<ConversationSummary> page = rows.subList(0, limit);
        return new ConversationPage(page, page.get(limit - 1).cursor());
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        return new ConversationSummary(
                new ConversationId(rs.getObject("id", UUID.class)),
                rs.getString("network"),
                rs.getString("context_title"),
                ConversationState.valueOf(rs.getString("state")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("language"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                rs.getString("author_name"),
                rs.getString("preview"),
                rs.getInt("messages"));
    }
}
