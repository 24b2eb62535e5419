package dev.mandate.contact;

import dev.mandate.shared.Conflict;

/** A customer number was to be given to a contact while another contact has it. */
class CustomerNumberTaken extends Conflict {

    private final ContactId owner;

    CustomerNumberTaken(String number, ContactId owner, String ownerName) {
        super(
                "customer-number-taken",
                "Customer number %s already belongs to %s. If they are the same person, merge the two contacts."
                        .formatted(number, ownerName));
        this.owner = owner;
        getBody().setProperty("contactId", owner.toString());
    }

    ContactId owner() {
        return owner;
    }
}
