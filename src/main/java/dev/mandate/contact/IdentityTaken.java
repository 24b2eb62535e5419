package dev.mandate.contact;

import dev.mandate.shared.Conflict;

/** An identity was to be added to one contact while another contact already has it: they are one person. */
class IdentityTaken extends Conflict {

    private final ContactId owner;

    IdentityTaken(AuthorIdentity.Key identity, ContactId owner, String ownerName) {
        super(
                "identity-taken",
                "%s on %s already belongs to %s. If they are the same person, merge the two contacts."
                        .formatted(identity.handle(), identity.network(), ownerName));
        this.owner = owner;
        getBody().setProperty("contactId", owner.toString());
    }

    /** The contact that has the identity. */
    ContactId owner() {
        return owner;
    }
}
