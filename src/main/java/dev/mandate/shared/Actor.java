package dev.mandate.shared;

import java.util.Objects;

/**
 * Who did something, as the audit trail records it: the account (absent for the system itself), the name
 * shown at the time, and the party they acted for.
 */
public record Actor(AccountId accountId, String name, Party party) {

    public static final Actor SYSTEM = new Actor(null, "Mandate", Party.SYSTEM);

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
    }
}
