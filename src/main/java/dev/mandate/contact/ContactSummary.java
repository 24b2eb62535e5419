package dev.mandate.contact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a conversation shows about its author, answering "is this person already a customer?": the name, the
 * customer flag and number the brand set, every identity the person is known by, and when they were first seen.
 */
public record ContactSummary(
        ContactId id,
        String displayName,
        boolean customer,
        String customerNumber,
        List<Identity> identities,
        Instant firstSeenAt) {

    public ContactSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** One network handle or e-mail address (network {@code email}) of the person. */
    public record Identity(String network, String handle, String displayName, Instant firstSeenAt) {}
}
