package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads one conversation with its messages in thread order. */
@Component
class ConversationThreads {

    private final JdbcClient jdbc;

    ConversationThreads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConversationThread thread(WorkspaceId workspace, ConversationId id) {
        List<ThreadMessage> messages = messages(workspace, id);
        return jdbc.sql("""
                        select id, channel_account_id, network, kind, context_external_id, context_title,
                               context_url, state, priority, language, started_at, last_message_at
                          from inbox.conversation
                         where workspace_id = :workspace and id = :id
                        """)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> conversation(rs, messages))
                .optional()
                .orElseThrow(() -> new NotFound("conversation"));
    }

    /**
     * Depth first from the top of the thread; each message's path is the rank of it and of each of its
     * ancestors among their siblings, so ordering by the path puts replies after their parent, oldest first.
     */
    private List<ThreadMessage> messages(WorkspaceId workspace, ConversationId id) {
        return jdbc.sql("""
                        with recursive ranked as (
                            select m.*, row_number() over (partition by m.parent_id order by m.created_at, m.id) as rank
                              from inbox.message m
                             where m.workspace_id = :workspace and m.conversation_id = :conversation
                        ), thread as (
                            select r.*, 0 as depth, array[r.rank] as path
                              from ranked r
                             where r.parent_id is null
                            union all
                            select r.*, t.depth + 1, t.path || r.rank
                              from ranked r
                              join thread t on r.parent_id = t.id
                        )
                        select id, parent_id, depth, external_id, author_name, author_handle, direction, body,
                               language, created_at, classification::text as classification, detected_language,
                               quarantined_at, moderated, moderated_by
                          from thread
                         order by path
                        """)
                .param("workspace", workspace.value())
                .param("conversation", id.value())
                .query((rs, row) -> message(rs))
                .list();
    }

    private static ConversationThread conversation(ResultSet rs, List<ThreadMessage> messages) throws SQLException {
        UUID account = rs.getObject("channel_account_id", UUID.class);
        return new ConversationThread(
                new ConversationId(rs.getObject("id", UUID.class)),
                account == null ? null : new ChannelAccountId(account),
                rs.getString("network"),
                ConversationKind.valueOf(rs.getString("kind")),
                rs.getString("context_external_id"),
                rs.getString("context_title"),
                rs.getString("context_url"),
                ConversationState.valueOf(rs.getString("state")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("language"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                messages);
    }

    private static ThreadMessage message(ResultSet rs) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        return new ThreadMessage(
                new MessageId(rs.getObject("id", UUID.class)),
                parent == null ? null : new MessageId(parent),
                rs.getInt("depth"),
                rs.getString("external_id"),
                rs.getString("author_name"),
                rs.getString("author_handle"),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("body"),
                rs.getString("language"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                ClassificationJson.read(rs.getString("classification")),
                rs.getString("detected_language"),
                rs.getObject("quarantined_at", OffsetDateTime.class) == null
                        ? null
                        : rs.getObject("quarantined_at", OffsetDateTime.class).toInstant(),
                rs.getString("moderated"),
                rs.getString("moderated_by"));
    }
}
