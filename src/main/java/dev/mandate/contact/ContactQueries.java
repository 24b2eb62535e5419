package dev.mandate.contact;

import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads contacts: summaries by id (following merges), the searchable list, and one contact with its notes. */
@Component
class ContactQueries {

    static final int MAX_PAGE = 100;

    private final JdbcClient jdbc;

    ContactQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of contacts in name order and the cursor of the next page, if there is one. */
    record ContactPage(List<ContactSummary> items, String next) {}

    /** A contact with what only its own page shows. */
    record ContactDetails(ContactSummary summary, String notes, long version) {}

    /** The live contact an id stands for: itself, or the contact it was merged into. */
    Optional<ContactId> resolve(WorkspaceId workspace, ContactId id) {
        return jdbc.sql("""
                        select id from contact.contact where workspace_id = :w and id = :id
                        union all
                        select into_id from contact.merged where workspace_id = :w and merged_id = :id
                        limit 1
                        """)
                .param("w", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> new ContactId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** The ids of the contacts that were merged into {@code id} (directly or through an earlier merge). */
    List<ContactId> mergedInto(WorkspaceId workspace, ContactId id) {
        return jdbc.sql("select merged_id from contact.merged where workspace_id = :w and into_id = :id")
                .param("w", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> new ContactId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** The summary of each id that is (or was merged into) a contact of the workspace, keyed by the id asked for. */
    Map<ContactId, ContactSummary> summaries(WorkspaceId workspace, Collection<ContactId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] wanted = ids.stream().map(ContactId::value).distinct().toArray(UUID[]::new);
        Map<ContactId, ContactId> current = new LinkedHashMap<>();
        jdbc.sql("""
                        select w.id as requested, coalesce(m.into_id, w.id) as current
                          from unnest(:ids::uuid[]) as w (id)
                          left join contact.merged m on m.workspace_id = :w and m.merged_id = w.id
                        """).param("ids", wanted).param("w", workspace.value()).query(rs -> {
            current.put(
                    new ContactId(rs.getObject("requested", UUID.class)),
                    new ContactId(rs.getObject("current", UUID.class)));
        });
        Map<ContactId, ContactSummary> live =
                load(workspace, current.values().stream().distinct().toList());
        Map<ContactId, ContactSummary> result = new LinkedHashMap<>();
        current.forEach((requested, id) -> {
            ContactSummary summary = live.get(id);
            if (summary != null) {
                result.put(requested, summary);
            }
        });
        return result;
    }

    Optional<ContactDetails> details(WorkspaceId workspace, ContactId id) {
        return jdbc.sql("select notes, version from contact.contact where workspace_id = :w and id = :id")
                .param("w", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> new Object[] {rs.getString("notes"), rs.getLong("version")})
                .optional()
                .map(row -> new ContactDetails(load(workspace, List.of(id)).get(id), (String) row[0], (Long) row[1]));
    }

    /**
     * Contacts in name order: all, or those whose name, handle, e-mail address or customer number contains
     * {@code query}; only customers when {@code customers} is true, only others when false.
     */
    ContactPage search(WorkspaceId workspace, String query, Boolean customers, String after, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        String q = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        Cursor cursor = after == null || after.isBlank() ? null : Cursor.parse(after);
        List<Cursor> found = jdbc.sql("""
                        select c.id, lower(c.display_name) as sort_name
                          from contact.contact c
                         where c.workspace_id = :w
                           and (cast(:customer as boolean) is null or c.customer = cast(:customer as boolean))
                           and (cast(:q as text) is null
                                or lower(c.display_name) like :pattern
                                or lower(c.customer_number) = cast(:q as text)
                                or c.id in (select i.contact_id from contact.identity i
                                             where i.workspace_id = :w and i.handle like :pattern))
                           and (cast(:afterName as text) is null
                                or (lower(c.display_name), c.id) > (cast(:afterName as text), cast(:afterId as uuid)))
                         order by lower(c.display_name), c.id
                         limit :limit
                        """)
                .param("w", workspace.value())
                .param("customer", customers)
                .param("q", q)
                .param("pattern", q == null ? null : "%" + escapeLike(q) + "%")
                .param("afterName", cursor == null ? null : cursor.name())
                .param("afterId", cursor == null ? null : cursor.id())
                .param("limit", size + 1)
                .query((rs, row) -> new Cursor(rs.getString("sort_name"), rs.getObject("id", UUID.class)))
                .list();
        List<Cursor> page = found.size() > size ? found.subList(0, size) : found;
        Map<ContactId, ContactSummary> summaries =
                load(workspace, page.stream().map(c -> new ContactId(c.id())).toList());
        List<ContactSummary> items = page.stream()
                .map(c -> summaries.get(new ContactId(c.id())))
                .filter(java.util.Objects::nonNull)
                .toList();
        return new ContactPage(
                items, found.size() > size ? page.get(page.size() - 1).token() : null);
    }

    /** Contacts and their identities, by id; ids that are not the workspace's are left out. */
    private Map<ContactId, ContactSummary> load(WorkspaceId workspace, List<ContactId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] array = ids.stream().map(ContactId::value).toArray(UUID[]::new);
        Map<ContactId, List<ContactSummary.Identity>> identities = new HashMap<>();
        jdbc.sql("""
                        select contact_id, network, handle, display_name, first_seen_at
                          from contact.identity
                         where workspace_id = :w and contact_id = any(:ids::uuid[])
                         order by network, handle
                        """).param("w", workspace.value()).param("ids", array).query(rs -> {
            identities
                    .computeIfAbsent(new ContactId(rs.getObject("contact_id", UUID.class)), k -> new ArrayList<>())
                    .add(new ContactSummary.Identity(
                            rs.getString("network"),
                            rs.getString("handle"),
                            rs.getString("display_name"),
                            instant(rs, "first_seen_at")));
        });
        Map<ContactId, ContactSummary> result = new HashMap<>();
        jdbc.sql("""
                        select id, display_name, customer, customer_number, created_at
                          from contact.contact
                         where workspace_id = :w and id = any(:ids::uuid[])
                        """).param("w", workspace.value()).param("ids", array).query(rs -> {
            ContactId id = new ContactId(rs.getObject("id", UUID.class));
            List<ContactSummary.Identity> known = identities.getOrDefault(id, List.of());
            Instant first = instant(rs, "created_at");
            for (ContactSummary.Identity identity : known) {
                if (identity.firstSeenAt().isBefore(first)) {
                    first = identity.firstSeenAt();
                }
            }
            result.put(
                    id,
                    new ContactSummary(
                            id,
                            rs.getString("display_name"),
                            rs.getBoolean("customer"),
                            rs.getString("customer_number"),
                            known,
                            first));
        });
        return result;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Where a page of the name-ordered list ends: the last contact's lower-case name and id. */
    record Cursor(String name, UUID id) {

        String token() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((id + "\n" + name).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int newline = text.indexOf('\n');
                return new Cursor(text.substring(newline + 1), UUID.fromString(text.substring(0, newline)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidInput("after", "The page cursor is not one this list gave out.");
            }
        }
    }
}
