package dev.mandate.inbox;

import dev.mandate.contact.ContactHistory;
import dev.mandate.contact.ContactId;
import dev.mandate.contact.HistoryItem;
import dev.mandate.shared.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact's history as the inbox knows it: the conversations they started or wrote in, on every network,
 * newest first, each with the first line of its opening message.
 */
@Component
class ContactConversations implements ContactHistory {

    private static final int FIRST_LINE = 160;

    private final JdbcClient jdbc;

    ContactConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<HistoryItem> of(WorkspaceId workspace, Collection<ContactId> contacts, int limit) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with theirs as (
                            select id from inbox.conversation where workspace_id = :w and contact_id = any(:contacts::uuid[])
                            union
                            select conversation_id from inbox.message
                             where workspace_id = :w and contact_id = any(:contacts::uuid[]) and conversation_id is not null)
                        select c.id, c.network, c.kind, c.state, c.last_message_at,
                               (select m.body from inbox.message m where m.conversation_id = c.id
                                 order by m.created_at, m.id limit 1) as opening,
                               (select m.direction from inbox.message m where m.conversation_id = c.id
                                 order by m.created_at desc, m.id desc limit 1) as last_direction
                          from inbox.conversation c
                          join theirs t on t.id = c.id
                         where c.workspace_id = :w and c.quarantined_at is null
                         order by c.last_message_at desc, c.id desc
                         limit :limit
                        """)
                .param("w", workspace.value())
                .param(
                        "contacts",
                        contacts.stream().map(ContactId::value).distinct().toArray(UUID[]::new))
                .param("limit", Math.max(1, limit))
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new HistoryItem(
                            id.toString(),
                            rs.getString("network"),
                            rs.getString("kind"),
                            rs.getString("state"),
                            "/workspaces/" + workspace + "/conversations/" + id,
                            firstLine(rs.getString("opening")),
                            rs.getTimestamp("last_message_at").toInstant(),
                            rs.getString("last_direction"));
                })
                .list();
    }

    private static String firstLine(String body) {
        if (body == null) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > FIRST_LINE ? line.substring(0, FIRST_LINE - 1) + "…" : line;
    }
}
