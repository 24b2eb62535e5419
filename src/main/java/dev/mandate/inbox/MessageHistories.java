package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.contact.ContactId;
import dev.mandate.shared.WorkspaceId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reads ingest makes before it classifies a batch: stored texts to judge a topic by, and history signals. */
@Component
class MessageHistories {

    private final JdbcClient jdbc;

    MessageHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each author's last messages (by index order, at most {@link MessageHistory#MOST_COUNTED}) and each text's
     * occurrences, in the workspace; both probes run on indexes ({@code message_contact_idx},
     * {@code message_text_hash_idx}).
     */
    MessageHistory history(WorkspaceId workspace, Collection<ContactId> authors, Collection<Long> texts) {
        Map<ContactId, MessageHistory.Author> byAuthor = new HashMap<>();
        List<UUID> contacts = authors.stream().distinct().map(ContactId::value).toList();
        if (!contacts.isEmpty()) {
            jdbc.sql("""
                            select a.id,
                                   count(*) filter (where coalesce(h.moderated, h.spam_verdict) = 'SPAM') as spam,
                                   count(*) filter (where coalesce(h.moderated, h.spam_verdict) = 'NOT_SPAM') as not_spam
                              from unnest(:contacts::uuid[]) as a (id)
                              cross join lateral (select m.moderated, m.spam_verdict from inbox.message m
                                                   where m.workspace_id = :workspace and m.contact_id = a.id
                                                   limit :most) h
                             group by a.id
                            """)
                    .param("contacts", contacts.toArray(UUID[]::new))
                    .param("workspace", workspace.value())
                    .param("most", MessageHistory.MOST_COUNTED)
                    .query(rs -> {
                        byAuthor.put(
                                new ContactId(rs.getObject("id", UUID.class)),
                                new MessageHistory.Author(rs.getInt("spam"), rs.getInt("not_spam")));
                    });
        }
        Map<Long, Integer> byText = new HashMap<>();
        List<Long> hashes = texts.stream().distinct().toList();
        if (!hashes.isEmpty()) {
            jdbc.sql("""
                            select t.hash, count(*) as seen
                              from unnest(:hashes::bigint[]) as t (hash)
                              cross join lateral (select 1 from inbox.message m
                                                   where m.workspace_id = :workspace and m.text_hash = t.hash
                                                   limit :most) h
                             group by t.hash
                            """)
                    .param("hashes", hashes.toArray(Long[]::new))
                    .param("workspace", workspace.value())
                    .param("most", MessageHistory.MOST_COUNTED)
                    .query(rs -> {
                        byText.put(rs.getLong("hash"), rs.getInt("seen"));
                    });
        }
        return new MessageHistory(byAuthor, byText);
    }

    /** The stored text of these posts (their text, or their excerpt) and messages, in the workspace. */
    Map<ExternalItem, String> texts(WorkspaceId workspace, Collection<ExternalItem> items) {
        Map<ExternalItem, String> texts = new HashMap<>();
        if (items.isEmpty()) {
            return texts;
        }
        List<ExternalItem> list = items.stream().distinct().toList();
        jdbc.sql("""
                        select k.account, k.external_id,
                               nullif(concat_ws(E'\\n', nullif(btrim(x.title), ''), nullif(btrim(x.url), ''),
                                              nullif(btrim(coalesce(x.body, x.excerpt)), '')), '') as text
                          from unnest(:accounts::uuid[], :externalIds::text[]) as k (account, external_id)
                          join inbox.context x on x.channel_account_id = k.account and x.external_id = k.external_id
                         where x.workspace_id = :workspace
                        union all
                        select k.account, k.external_id, m.body
                          from unnest(:accounts::uuid[], :externalIds::text[]) as k (account, external_id)
                          join inbox.message m on m.channel_account_id = k.account and m.external_id = k.external_id
                         where m.workspace_id = :workspace
                        """)
                .param("accounts", list.stream().map(i -> i.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        list.stream().map(ExternalItem::externalId).toArray(String[]::new))
                .param("workspace", workspace.value())
                .query(rs -> {
                    String text = rs.getString("text");
                    if (text != null) {
                        texts.putIfAbsent(
                                new ExternalItem(
                                        new ChannelAccountId(rs.getObject("account", UUID.class)),
                                        rs.getString("external_id")),
                                text);
                    }
                });
        return texts;
    }
}
