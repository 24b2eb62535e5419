package dev.mandate.contact;

import dev.mandate.shared.Conflict;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the brand's customer list: each row finds its contact by customer number, e-mail address or handle
 * (or becomes a new contact), which is then a customer with that number and has the row's identities. All or
 * nothing: a list with any bad line is rejected with every bad line named, and nothing of it is stored.
 */
@Service
class CustomerImport {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ContactProperties properties;
    private final Clock clock;

    CustomerImport(JdbcClient jdbc, ApplicationEventPublisher events, ContactProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** What an import did. */
    record Result(int rows, int created, int matched, int identitiesAdded, List<String> ignoredColumns) {}

    @Transactional
    public Result run(Membership member, byte[] csv) {
        ContactBook.requireBrand(member);
        if (csv == null || csv.length == 0) {
            throw new CustomerListRejected(List.of(new CustomerList.BadLine(1, "the file is empty")));
        }
        if (csv.length > properties.importMaxSize().toBytes()) {
            throw new CustomerListRejected(List.of(new CustomerList.BadLine(
                    1, "the file is larger than " + properties.importMaxSize().toKilobytes() + " KB; split it")));
        }
        CustomerList.Parsed parsed = CustomerList.parse(csv, properties.importMaxRows());
        WorkspaceId workspace = member.workspaceId();
        Known known = known(workspace, parsed.rows());

        List<CustomerList.BadLine> bad = new ArrayList<>(parsed.bad());
        Map<UUID, Integer> claimed = new HashMap<>();
        List<Planned> plan = new ArrayList<>();
        for (CustomerList.Row row : parsed.rows()) {
            Set<UUID> matches = new LinkedHashSet<>();
            Existing byNumber = known.byNumber().get(row.customerNumber());
            if (byNumber != null) {
                matches.add(byNumber.id());
            }
            row.identities().stream()
                    .map(known.byIdentity()::get)
                    .filter(java.util.Objects::nonNull)
                    .forEach(matches::add);
            if (matches.size() > 1) {
                bad.add(new CustomerList.BadLine(
                        row.line(),
                        "matches " + names(known, matches) + ", who are different contacts; merge them first"));
                continue;
            }
            UUID match = matches.isEmpty() ? null : matches.iterator().next();
            if (match != null) {
                Existing contact = known.contacts().get(match);
                if (contact == null) {
                    bad.add(new CustomerList.BadLine(row.line(), "its contact was changed meanwhile; import again"));
                    continue;
                }
                if (contact.customerNumber() != null
                        && !contact.customerNumber().equals(row.customerNumber())) {
                    bad.add(new CustomerList.BadLine(
                            row.line(),
                            "matches " + contact.displayName() + ", who has customer number "
                                    + contact.customerNumber()));
                    continue;
                }
                Integer other = claimed.putIfAbsent(match, row.line());
                if (other != null) {
                    bad.add(new CustomerList.BadLine(
                            row.line(), "matches " + contact.displayName() + ", like line " + other));
                    continue;
                }
            }
            plan.add(new Planned(row, match == null ? UUID.randomUUID() : match, match == null));
        }
        if (!bad.isEmpty()) {
            bad.sort(Comparator.comparingInt(CustomerList.BadLine::line));
            throw new CustomerListRejected(bad);
        }

        Timestamp now = Timestamp.from(clock.instant());
        List<Planned> created = plan.stream().filter(Planned::create).toList();
        List<Planned> matched = plan.stream().filter(p -> !p.create()).toList();
        int identities;
        try {
            jdbc.sql("""
                            insert into contact.contact (id, workspace_id, display_name, customer, customer_number, created_at)
                            select id, :w, name, true, number, :at
                              from unnest(:ids::uuid[], :names::text[], :numbers::text[]) as n (id, name, number)
                            """)
                    .param("w", workspace.value())
                    .param("at", now)
                    .param("ids", created.stream().map(Planned::contact).toArray(UUID[]::new))
                    .param(
                            "names",
                            created.stream().map(p -> p.row().displayName()).toArray(String[]::new))
                    .param(
                            "numbers",
                            created.stream().map(p -> p.row().customerNumber()).toArray(String[]::new))
                    .update();
            jdbc.sql("""
                            update contact.contact c
                               set customer = true, customer_number = n.number, version = c.version + 1
                              from unnest(:ids::uuid[], :numbers::text[]) as n (id, number)
                             where c.workspace_id = :w and c.id = n.id
                               and (not c.customer or c.customer_number is distinct from n.number)
                            """)
                    .param("w", workspace.value())
                    .param("ids", matched.stream().map(Planned::contact).toArray(UUID[]::new))
                    .param(
                            "numbers",
                            matched.stream().map(p -> p.row().customerNumber()).toArray(String[]::new))
                    .update();
            identities = addIdentities(workspace, plan, known, now);
        } catch (DataIntegrityViolationException e) {
            // A contact or identity in the list was created or changed by someone else after the checks above.
            throw new Conflict(
                    "concurrent-change", "Contacts in this list changed while it was imported; import it again.");
        }
        events.publishEvent(new ContactEvents.CustomersImported(
                workspace,
                member.actor(),
                UUID.randomUUID().toString(),
                plan.size(),
                created.size(),
                matched.size(),
                identities));
        return new Result(plan.size(), created.size(), matched.size(), identities, parsed.ignoredColumns());
    }

    private int addIdentities(WorkspaceId workspace, List<Planned> plan, Known known, Timestamp now) {
        List<UUID> contacts = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Planned planned : plan) {
            for (AuthorIdentity.Key key : planned.row().identities()) {
                if (!known.byIdentity().containsKey(key)) {
                    contacts.add(planned.contact());
                    networks.add(key.network());
                    handles.add(key.handle());
                    names.add(planned.row().name());
                }
            }
        }
        if (contacts.isEmpty()) {
            return 0;
        }
        int added = jdbc.sql("""
                        insert into contact.identity (workspace_id, network, handle, contact_id, display_name, first_seen_at)
                        select :w, network, handle, contact, name, :at
                          from unnest(:contacts::uuid[], :networks::text[], :handles::text[], :names::text[])
                               as n (contact, network, handle, name)
                        on conflict (workspace_id, network, handle) do nothing
                        """)
                .param("w", workspace.value())
                .param("at", now)
                .param("contacts", contacts.toArray(UUID[]::new))
                .param("networks", networks.toArray(String[]::new))
                .param("handles", handles.toArray(String[]::new))
                .param("names", names.toArray(String[]::new))
                .update();
        if (added != contacts.size()) {
            throw new DataIntegrityViolationException("an identity of the list was taken meanwhile");
        }
        return added;
    }

    /** What the rows name that already exists: contacts by customer number and by identity. */
    private Known known(WorkspaceId workspace, List<CustomerList.Row> rows) {
        Map<String, Existing> byNumber = new HashMap<>();
        Map<AuthorIdentity.Key, UUID> byIdentity = new HashMap<>();
        Map<UUID, Existing> contacts = new HashMap<>();
        if (rows.isEmpty()) {
            return new Known(byNumber, byIdentity, contacts);
        }
        List<String> networks = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (CustomerList.Row row : rows) {
            for (AuthorIdentity.Key key : row.identities()) {
                networks.add(key.network());
                handles.add(key.handle());
            }
        }
        Set<UUID> ids = new HashSet<>();
        jdbc.sql("""
                        select i.network, i.handle, i.contact_id
                          from contact.identity i
                          join unnest(:networks::text[], :handles::text[]) as n (network, handle)
                            on i.network = n.network and i.handle = n.handle
                         where i.workspace_id = :w
                        """)
                .param("networks", networks.toArray(String[]::new))
                .param("handles", handles.toArray(String[]::new))
                .param("w", workspace.value())
                .query(rs -> {
                    UUID id = rs.getObject("contact_id", UUID.class);
                    byIdentity.put(new AuthorIdentity.Key(rs.getString("network"), rs.getString("handle")), id);
                    ids.add(id);
                });
        // Locked, so that no one else changes a matched contact's number while the list is imported.
        jdbc.sql("""
                        select id, display_name, customer_number from contact.contact
                         where workspace_id = :w
                           and (id = any(:ids::uuid[]) or customer_number = any(:numbers::text[]))
                         order by id
                           for update
                        """)
                .param("w", workspace.value())
                .param("ids", ids.toArray(UUID[]::new))
                .param(
                        "numbers",
                        rows.stream().map(CustomerList.Row::customerNumber).toArray(String[]::new))
                .query(rs -> {
                    Existing contact = new Existing(
                            rs.getObject("id", UUID.class),
                            rs.getString("display_name"),
                            rs.getString("customer_number"));
                    contacts.put(contact.id(), contact);
                    if (contact.customerNumber() != null) {
                        byNumber.put(contact.customerNumber(), contact);
                    }
                });
        return new Known(byNumber, byIdentity, contacts);
    }

    private static String names(Known known, Set<UUID> ids) {
        return String.join(
                " and ",
                ids.stream()
                        .map(id -> known.contacts().containsKey(id)
                                ? known.contacts().get(id).displayName()
                                : "a contact")
                        .toList());
    }

    private record Existing(UUID id, String displayName, String customerNumber) {}

    private record Known(
            Map<String, Existing> byNumber, Map<AuthorIdentity.Key, UUID> byIdentity, Map<UUID, Existing> contacts) {}

    private record Planned(CustomerList.Row row, UUID contact, boolean create) {}
}
