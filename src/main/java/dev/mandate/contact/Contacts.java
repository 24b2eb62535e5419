package dev.mandate.contact;

import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the contact behind each author identity, creating one for an author seen for the first time, and answers
 * "is this person already a customer?" for the pages that show an author.
 */
@Service
public class Contacts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ContactQueries queries;

    Contacts(JdbcClient jdbc, Clock clock, ContactQueries queries) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queries = queries;
    }

    /**
     * The contact's summary; a contact that was merged into another answers with the other's. {@link NotFound}
     * when the id is no contact of the workspace.
     */
    @Transactional(readOnly = true)
    public ContactSummary summary(WorkspaceId workspace, ContactId contact) {
        ContactSummary summary = queries.summaries(workspace, List.of(contact)).get(contact);
        if (summary == null) {
            throw new NotFound("contact");
        }
        return summary;
    }

    /**
     * The summary of each of the contacts that belongs to the workspace, keyed by the id asked for (a merged
     * contact's id maps to the summary of the contact it was merged into); other ids are left out. For lists:
     * one call per page, a fixed number of queries whatever its length.
     */
    @Transactional(readOnly = true)
    public Map<ContactId, ContactSummary> summaries(WorkspaceId workspace, Collection<ContactId> contacts) {
        return queries.summaries(workspace, contacts);
    }

    /**
     * The contact of each identity, in the caller's transaction. New identities get a new contact each; two
     * transactions meeting the same new identity at once end up with one contact (the identity's primary key
     * decides, and the loser's contact row is removed again).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<AuthorIdentity.Key, ContactId> identify(WorkspaceId workspace, Collection<AuthorIdentity> identities) {
        Map<AuthorIdentity.Key, AuthorIdentity> wanted = new LinkedHashMap<>();
        identities.forEach(identity -> wanted.putIfAbsent(identity.key(), identity));
        Map<AuthorIdentity.Key, ContactId> found = known(workspace, wanted.keySet());
        List<AuthorIdentity> unknown = wanted.values().stream()
                .filter(i -> !found.containsKey(i.key()))
                .toList();
        if (!unknown.isEmpty()) {
            create(workspace, unknown);
            found.putAll(known(workspace, wanted.keySet()));
        }
        return found;
    }

    private Map<AuthorIdentity.Key, ContactId> known(WorkspaceId workspace, Collection<AuthorIdentity.Key> keys) {
        Map<AuthorIdentity.Key, ContactId> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> networks = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        keys.forEach(key -> {
            networks.add(key.network());
            handles.add(key.handle());
        });
        jdbc.sql("""
                        select i.network, i.handle, i.contact_id
                          from contact.identity i
                          join unnest(:networks::text[], :handles::text[]) as wanted (network, handle)
                            on i.network = wanted.network and i.handle = wanted.handle
                         where i.workspace_id = :workspace
                        """)
                .param("networks", networks.toArray(String[]::new))
                .param("handles", handles.toArray(String[]::new))
                .param("workspace", workspace.value())
                .query(rs -> {
                    found.put(
                            new AuthorIdentity.Key(rs.getString("network"), rs.getString("handle")),
                            new ContactId(rs.getObject("contact_id", UUID.class)));
                });
        return found;
    }

    private void create(WorkspaceId workspace, List<AuthorIdentity> identities) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        UUID[] ids = new UUID[identities.size()];
        String[] names = new String[identities.size()];
        String[] networks = new String[identities.size()];
        String[] handles = new String[identities.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            names[i] = identities.get(i).displayName();
            networks[i] = identities.get(i).network();
            handles[i] = identities.get(i).handle();
        }
        // Contacts first, then their identities; an identity that another transaction created meanwhile keeps
        // that transaction's contact, and the contact made here for it is dropped.
        jdbc.sql("""
                        insert into contact.contact (id, workspace_id, display_name, created_at)
                        select id, :workspace, name, :at from unnest(:ids::uuid[], :names::text[]) as n (id, name)
                        """)
                .param("workspace", workspace.value())
                .param("at", at)
                .param("ids", ids)
                .param("names", names)
                .update();
        jdbc.sql("""
                        with inserted as (
                            insert into contact.identity (workspace_id, network, handle, contact_id, display_name, first_seen_at)
                            select :workspace, network, handle, id, name, :at
                              from unnest(:ids::uuid[], :names::text[], :networks::text[], :handles::text[])
                                   as n (id, name, network, handle)
                            on conflict (workspace_id, network, handle) do nothing
                            returning contact_id)
                        delete from contact.contact c
                         where c.id = any(:ids::uuid[]) and c.id not in (select contact_id from inserted)
                        """)
                .param("workspace", workspace.value())
                .param("at", at)
                .param("ids", ids)
                .param("names", names)
                .param("networks", networks)
                .param("handles", handles)
                .update();
    }

    /**
     * The tags of the contact an id stands for (following a merge), e.g. {@code vip}; empty when the id is no contact
     * of the workspace. Routing rules test them.
     */
    @Transactional(readOnly = true)
    public List<String> tags(WorkspaceId workspace, ContactId contact) {
        return queries.resolve(workspace, contact)
                .flatMap(id -> jdbc.sql("select tags from contact.contact where workspace_id = :w and id = :id")
                        .param("w", workspace.value())
                        .param("id", id.value())
                        .query((rs, row) ->
                                List.of((String[]) rs.getArray("tags").getArray()))
                        .optional())
                .orElse(List.of());
    }
}
