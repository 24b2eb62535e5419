package dev.mandate.contact;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.LinkedHashMap;
import java.util.Map;

/** What people do to contacts; each is recorded in the audit trail. {@link ContactsMerged} is the merge. */
public final class ContactEvents {

    private ContactEvents() {}

    /** The name or the notes of a contact were changed; {@code changes} names each changed field. */
    public record ContactChanged(WorkspaceId workspaceId, Actor actor, ContactId contact, Map<String, String> changes)
            implements AuditableEvent {

        @Override
        public String action() {
            return "contact.changed";
        }

        @Override
        public String subjectType() {
            return "contact";
        }

        @Override
        public String subjectId() {
            return contact.toString();
        }

        @Override
        public Map<String, String> details() {
            return changes;
        }
    }

    /** The brand said whether a contact is its customer, and under which number. */
    public record CustomerStatusChanged(
            WorkspaceId workspaceId, Actor actor, ContactId contact, boolean customer, String customerNumber)
            implements AuditableEvent {

        @Override
        public String action() {
            return "contact.customer-changed";
        }

        @Override
        public String subjectType() {
            return "contact";
        }

        @Override
        public String subjectId() {
            return contact.toString();
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("customer", Boolean.toString(customer));
            details.put("customerNumber", customerNumber == null ? "" : customerNumber);
            return details;
        }
    }

    /** A handle or e-mail address was added to a contact by hand. */
    public record IdentityAdded(WorkspaceId workspaceId, Actor actor, ContactId contact, String network, String handle)
            implements AuditableEvent {

        @Override
        public String action() {
            return "contact.identity-added";
        }

        @Override
        public String subjectType() {
            return "contact";
        }

        @Override
        public String subjectId() {
            return contact.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("network", network, "handle", handle);
        }
    }

    /** A handle or e-mail address no longer belongs to a contact. */
    public record IdentityRemoved(
            WorkspaceId workspaceId, Actor actor, ContactId contact, String network, String handle)
            implements AuditableEvent {

        @Override
        public String action() {
            return "contact.identity-removed";
        }

        @Override
        public String subjectType() {
            return "contact";
        }

        @Override
        public String subjectId() {
            return contact.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("network", network, "handle", handle);
        }
    }

    /** A customer list was imported: how many rows, and what became of them. */
    public record CustomersImported(
            WorkspaceId workspaceId,
            Actor actor,
            String importId,
            int rows,
            int created,
            int matched,
            int identitiesAdded)
            implements AuditableEvent {

        @Override
        public String action() {
            return "contact.customers-imported";
        }

        @Override
        public String subjectType() {
            return "customer-import";
        }

        @Override
        public String subjectId() {
            return importId;
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("rows", Integer.toString(rows));
            details.put("created", Integer.toString(created));
            details.put("matched", Integer.toString(matched));
            details.put("identitiesAdded", Integer.toString(identitiesAdded));
            return details;
        }
    }
}
