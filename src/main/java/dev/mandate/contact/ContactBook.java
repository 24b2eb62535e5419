package dev.mandate.contact;

import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's contacts as its people work with them: list and search, a contact with its history, and the
 * changes. Every member reads; the brand and the agency change names, notes and identities and merge contacts;
 * only the brand says who is its customer and under which number (it is the brand's knowledge); advisors change
 * nothing. Each change is published as an auditable event in its transaction.
 */
@Service
public class ContactBook {

    private static final Pattern TAG = Pattern.compile("^[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,39}$");
    private static final int MAX_TAGS = 20;

    static final int MAX_NAME = 200;
    static final int MAX_NOTES = 4000;
    static final int HISTORY = 50;

    private final JdbcClient jdbc;
    private final ContactQueries queries;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ContactHistory> history;
    private final Clock clock;

    ContactBook(
            JdbcClient jdbc,
            ContactQueries queries,
            ApplicationEventPublisher events,
            ObjectProvider<ContactHistory> history,
            Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.events = events;
        this.history = history;
        this.clock = clock;
    }

    /** A contact as its page and the API show it, with what the reader may do to it. */
    record ContactView(
            ContactSummary contact,
            String notes,
            long version,
            List<String> tags,
            List<HistoryItem> history,
            boolean mayChange,
            boolean maySetCustomer) {}

    @Transactional(readOnly = true)
    public ContactQueries.ContactPage list(
            Membership member, String query, Boolean customers, String after, int limit) {
        return queries.search(member.workspaceId(), query, customers, after, limit);
    }

    /** The live contact an id stands for (itself, or where it was merged into), or {@link NotFound}. */
    @Transactional(readOnly = true)
    public ContactId resolve(Membership member, ContactId id) {
        return queries.resolve(member.workspaceId(), id).orElseThrow(() -> new NotFound("contact"));
    }

    @Transactional(readOnly = true)
    public ContactView view(Membership member, ContactId id) {
        ContactQueries.ContactDetails details =
                queries.details(member.workspaceId(), id).orElseThrow(() -> new NotFound("contact"));
        return new ContactView(
                details.summary(),
                details.notes(),
                details.version(),
                tagsOf(member.workspaceId(), details.summary().id()),
                historyOf(member, id, HISTORY),
                member.mayChange(),
                maySetCustomer(member));
    }

    /**
     * The conversations of the contact an id stands for (following a merge), newest first, including those still
     * recorded under the ids of contacts merged into it; {@link NotFound} if the id is no contact of the workspace.
     */
    @Transactional(readOnly = true)
    public List<HistoryItem> history(Membership member, ContactId id, int limit) {
        return historyOf(member, resolve(member, id), limit);
    }

    private List<HistoryItem> historyOf(Membership member, ContactId contact, int limit) {
        ContactHistory source = history.getIfAvailable();
        if (source == null) {
            return List.of();
        }
        List<ContactId> ids = new ArrayList<>();
        ids.add(contact);
        ids.addAll(queries.mergedInto(member.workspaceId(), contact));
        return source.of(member.workspaceId(), ids, Math.max(1, Math.min(limit, 200)));
    }

    /**
     * Renames a contact or changes its notes ({@code null} leaves either as it is), if the contact is still at
     * {@code version} when one is given.
     */
    @Transactional
    public void change(Membership member, ContactId id, String displayName, String notes, Long version) {
        Locked contact = lock(member, id);
        member.requireMayChange();
        if (version != null && version != contact.version()) {
            throw new Conflict(
                    "concurrent-change", "Someone else changed this contact meanwhile; load it again and retry.");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        String name = contact.displayName();
        if (displayName != null) {
            name = displayName.strip();
            if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInput("displayName", "Give the contact a name of 1 to " + MAX_NAME + " characters.");
            }
            if (!name.equals(contact.displayName())) {
                changes.put("displayName", name);
            }
        }
        String text = contact.notes();
        if (notes != null) {
            text = notes.strip().isEmpty() ? null : notes.strip();
            if (text != null && text.length() > MAX_NOTES) {
                throw new InvalidInput("notes", "Notes can be at most " + MAX_NOTES + " characters long.");
            }
            if (!Objects.equals(text, contact.notes())) {
                changes.put("notes", text == null ? "removed" : "changed");
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update contact.contact set display_name = :name, notes = :notes, version = version + 1
                         where workspace_id = :w and id = :id
                        """)
                .param("name", name)
                .param("notes", text)
                .param("w", member.workspaceId().value())
                .param("id", id.value())
                .update();
        events.publishEvent(new ContactEvents.ContactChanged(member.workspaceId(), member.actor(), id, changes));
    }

    /** Says whether the contact is a customer and under which number; not being one clears the number. */
    @Transactional
    public void setCustomer(Membership member, ContactId id, Boolean isCustomer, String customerNumber) {
        Locked contact = lock(member, id);
        requireBrand(member);
        if (isCustomer == null) {
            throw new InvalidInput("customer", "Say whether the contact is a customer (true or false).");
        }
        boolean customer = isCustomer;
        String number = customer ? customerNumber(customerNumber) : null;
        if (contact.customer() == customer && Objects.equals(contact.customerNumber(), number)) {
            return;
        }
        if (number != null) {
            requireNumberFree(member, id, number);
        }
        try {
            jdbc.sql("""
                            update contact.contact set customer = :customer, customer_number = :number,
                                   version = version + 1
                             where workspace_id = :w and id = :id
                            """)
                    .param("customer", customer)
                    .param("number", number)
                    .param("w", member.workspaceId().value())
                    .param("id", id.value())
                    .update();
        } catch (DuplicateKeyException e) {
            // Someone gave the number to another contact after the check above.
            throw new Conflict(
                    "customer-number-taken", "Customer number " + number + " was just given to another contact.");
        }
        events.publishEvent(
                new ContactEvents.CustomerStatusChanged(member.workspaceId(), member.actor(), id, customer, number));
    }

    /**
     * Tags the contact (a word of up to 40 lower-case letters, digits, - or _, e.g. {@code vip}); routing rules test
     * contact tags. Brand and agency may tag; a contact has at most 20 tags.
     */
    @Transactional
    public void tag(Membership member, ContactId id, String tag) {
        lock(member, id);
        member.requireMayChange();
        String normal = normalTag(tag);
        Integer count = jdbc.sql("""
                        update contact.contact
                           set tags = case when :tag = any(tags) then tags else array_append(tags, :tag::text) end,
                               version = version + 1
                         where workspace_id = :w and id = :id
                        returning cardinality(tags)
                        """)
                .param("tag", normal)
                .param("w", member.workspaceId().value())
                .param("id", id.value())
                .query(Integer.class)
                .single();
        if (count > MAX_TAGS) {
            throw new InvalidInput("tag", "At most " + MAX_TAGS + " tags on a contact.");
        }
        events.publishEvent(new ContactEvents.ContactChanged(
                member.workspaceId(), member.actor(), id, Map.of("tag added", normal)));
    }

    @Transactional
    public void untag(Membership member, ContactId id, String tag) {
        lock(member, id);
        member.requireMayChange();
        String normal = normalTag(tag);
        jdbc.sql("""
                        update contact.contact set tags = array_remove(tags, :tag::text), version = version + 1
                         where workspace_id = :w and id = :id
                        """)
                .param("tag", normal)
                .param("w", member.workspaceId().value())
                .param("id", id.value())
                .update();
        events.publishEvent(new ContactEvents.ContactChanged(
                member.workspaceId(), member.actor(), id, Map.of("tag removed", normal)));
    }

    private List<String> tagsOf(WorkspaceId workspace, ContactId id) {
        return jdbc.sql("select tags from contact.contact where workspace_id = :w and id = :id")
                .param("w", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> List.of((String[]) rs.getArray("tags").getArray()))
                .optional()
                .orElse(List.of());
    }

    private static String normalTag(String tag) {
        String normal = tag == null ? "" : tag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        if (!TAG.matcher(normal).matches()) {
            throw new InvalidInput("tag", "A tag is a word of up to 40 letters, digits, - or _.");
        }
        return normal;
    }

    /** Adds a handle on a network (or an e-mail address, network {@code email}); {@link IdentityTaken} if another contact has it. */
    @Transactional
    public void addIdentity(Membership member, ContactId id, String network, String handle, String displayName) {
        lock(member, id);
        member.requireMayChange();
        AuthorIdentity identity = identity(network, handle, displayName);
        int added = jdbc.sql("""
                        insert into contact.identity (workspace_id, network, handle, contact_id, display_name, first_seen_at)
                        values (:w, :network, :handle, :id, :name, :at)
                        on conflict (workspace_id, network, handle) do nothing
                        """)
                .param("w", member.workspaceId().value())
                .param("network", identity.network())
                .param("handle", identity.handle())
                .param("id", id.value())
                .param("name", displayName == null || displayName.isBlank() ? null : identity.displayName())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (added == 0) {
            Owner owner = owner(member, identity.key()).orElseThrow();
            if (owner.id().equals(id)) {
                return;
            }
            throw new IdentityTaken(identity.key(), owner.id(), owner.displayName());
        }
        events.publishEvent(new ContactEvents.IdentityAdded(
                member.workspaceId(), member.actor(), id, identity.network(), identity.handle()));
    }

    /** Takes a handle or address from the contact; the next message from it starts a new contact. */
    @Transactional
    public void removeIdentity(Membership member, ContactId id, String network, String handle) {
        lock(member, id);
        member.requireMayChange();
        String net = network == null ? "" : network.strip().toLowerCase(Locale.ROOT);
        String key = handle == null ? "" : handle.strip().toLowerCase(Locale.ROOT);
        int removed = jdbc.sql("""
                        delete from contact.identity
                         where workspace_id = :w and contact_id = :id and network = :network and handle = :handle
                        """)
                .param("w", member.workspaceId().value())
                .param("id", id.value())
                .param("network", net)
                .param("handle", key)
                .update();
        if (removed == 0) {
            throw new NotFound("identity");
        }
        events.publishEvent(new ContactEvents.IdentityRemoved(member.workspaceId(), member.actor(), id, net, key));
    }

    /**
     * Merges {@code from} into {@code into}: the identities move, {@code from} is recorded as merged (its links
     * lead to {@code into}) and removed; customer if either was; the customer number of whichever has one, and
     * {@link Conflict} if they have different ones. Returns the surviving contact.
     */
    @Transactional
    public ContactId merge(Membership member, ContactId from, ContactId into) {
        if (queries.details(member.workspaceId(), into).isEmpty()) {
            throw new NotFound("contact");
        }
        member.requireMayChange();
        if (from == null) {
            throw new InvalidInput("from", "Choose the contact to merge into this one.");
        }
        if (from.equals(into)) {
            throw new InvalidInput("from", "A contact cannot be merged into itself.");
        }
        // Both rows locked in id order, so that two merges of the same pair cannot wait for each other.
        boolean intoFirst = into.value().compareTo(from.value()) < 0;
        Locked first = lock(member, intoFirst ? into : from);
        Locked second = lock(member, intoFirst ? from : into);
        Locked survivor = intoFirst ? first : second;
        Locked loser = intoFirst ? second : first;
        if (survivor.customerNumber() != null
                && loser.customerNumber() != null
                && !survivor.customerNumber().equals(loser.customerNumber())) {
            throw new Conflict(
                    "conflicting-customer-numbers",
                    "%s has customer number %s and %s has %s: one person has one number. Correct one of them first."
                            .formatted(
                                    loser.displayName(),
                                    loser.customerNumber(),
                                    survivor.displayName(),
                                    survivor.customerNumber()));
        }
        String notes = survivor.notes() == null
                ? loser.notes()
                : loser.notes() == null ? survivor.notes() : survivor.notes() + "\n\n" + loser.notes();
        if (notes != null && notes.length() > MAX_NOTES) {
            notes = notes.substring(0, MAX_NOTES);
        }
        UUID w = member.workspaceId().value();
        jdbc.sql("update contact.identity set contact_id = :into where workspace_id = :w and contact_id = :from")
                .param("into", into.value())
                .param("w", w)
                .param("from", from.value())
                .update();
        jdbc.sql("update contact.merged set into_id = :into where workspace_id = :w and into_id = :from")
                .param("into", into.value())
                .param("w", w)
                .param("from", from.value())
                .update();
        jdbc.sql("""
                        insert into contact.merged (workspace_id, merged_id, into_id, merged_at, merged_by)
                        values (:w, :from, :into, :at, :by)
                        """)
                .param("w", w)
                .param("from", from.value())
                .param("into", into.value())
                .param("at", Timestamp.from(clock.instant()))
                .param("by", member.accountId().value())
                .update();
        // The survivor keeps the tags of both.
        jdbc.sql("""
                        update contact.contact c
                           set tags = array(select distinct t from unnest(c.tags || l.tags) t order by t)
                          from contact.contact l
                         where c.workspace_id = :w and c.id = :into and l.workspace_id = :w and l.id = :from
                        """)
                .param("w", w)
                .param("into", into.value())
                .param("from", from.value())
                .update();
        jdbc.sql("delete from contact.contact where workspace_id = :w and id = :from")
                .param("w", w)
                .param("from", from.value())
                .update();
        jdbc.sql("""
                        update contact.contact set customer = :customer, customer_number = :number, notes = :notes,
                               version = version + 1
                         where workspace_id = :w and id = :into
                        """)
                .param("customer", survivor.customer() || loser.customer())
                .param("number", survivor.customerNumber() != null ? survivor.customerNumber() : loser.customerNumber())
                .param("notes", notes)
                .param("w", w)
                .param("into", into.value())
                .update();
        events.publishEvent(new ContactsMerged(
                member.workspaceId(), member.actor(), from, into, loser.displayName(), survivor.displayName()));
        return into;
    }

    static boolean maySetCustomer(Membership member) {
        return member.party() == Party.BRAND;
    }

    static void requireBrand(Membership member) {
        member.requireMayChange();
        if (!maySetCustomer(member)) {
            throw new Forbidden("Only the brand says who is its customer and under which number.");
        }
    }

    static String customerNumber(String value) {
        String number = value == null ? "" : value.strip();
        if (number.isEmpty()) {
            return null;
        }
        if (number.length() > CustomerList.MAX_NUMBER || number.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(
                    "customerNumber", "A customer number has at most " + CustomerList.MAX_NUMBER + " characters.");
        }
        return number;
    }

    static AuthorIdentity identity(String network, String handle, String displayName) {
        String net = network == null ? "" : network.strip().toLowerCase(Locale.ROOT);
        if (!CustomerList.NETWORK.matcher(net).matches()) {
            throw new InvalidInput("network", "Name the network in lower case, e.g. 'mastodon', or 'email'.");
        }
        String key = handle == null ? "" : handle.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()
                || key.length() > CustomerList.MAX_HANDLE
                || key.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInput("handle", "Give the handle (or e-mail address) without spaces.");
        }
        if (net.equals("email") && !CustomerList.EMAIL.matcher(key).matches()) {
            throw new InvalidInput("handle", "'" + key + "' is not an e-mail address.");
        }
        String name = displayName == null ? null : displayName.strip();
        if (name != null && name.length() > MAX_NAME) {
            throw new InvalidInput("displayName", "A name has at most " + MAX_NAME + " characters.");
        }
        return new AuthorIdentity(net, key, name);
    }

    private void requireNumberFree(Membership member, ContactId id, String number) {
        jdbc.sql("""
                        select id, display_name from contact.contact
                         where workspace_id = :w and customer_number = :number and id <> :id
                        """)
                .param("w", member.workspaceId().value())
                .param("number", number)
                .param("id", id.value())
                .query((rs, row) ->
                        new Owner(new ContactId(rs.getObject("id", UUID.class)), rs.getString("display_name")))
                .optional()
                .ifPresent(owner -> {
                    throw new CustomerNumberTaken(number, owner.id(), owner.displayName());
                });
    }

    private Optional<Owner> owner(Membership member, AuthorIdentity.Key key) {
        return jdbc.sql("""
                        select c.id, c.display_name from contact.identity i
                          join contact.contact c on c.workspace_id = i.workspace_id and c.id = i.contact_id
                         where i.workspace_id = :w and i.network = :network and i.handle = :handle
                        """)
                .param("w", member.workspaceId().value())
                .param("network", key.network())
                .param("handle", key.handle())
                .query((rs, row) ->
                        new Owner(new ContactId(rs.getObject("id", UUID.class)), rs.getString("display_name")))
                .optional();
    }

    /** The contact's row, locked for the rest of the transaction; {@link NotFound} if not the workspace's. */
    private Locked lock(Membership member, ContactId id) {
        return jdbc.sql("""
                        select display_name, customer, customer_number, notes, version from contact.contact
                         where workspace_id = :w and id = :id
                           for update
                        """)
                .param("w", member.workspaceId().value())
                .param("id", id.value())
                .query((rs, row) -> new Locked(
                        rs.getString("display_name"),
                        rs.getBoolean("customer"),
                        rs.getString("customer_number"),
                        rs.getString("notes"),
                        rs.getLong("version")))
                .optional()
                .orElseThrow(() -> new NotFound("contact"));
    }

    private record Locked(String displayName, boolean customer, String customerNumber, String notes, long version) {}

    private record Owner(ContactId id, String displayName) {}
}
