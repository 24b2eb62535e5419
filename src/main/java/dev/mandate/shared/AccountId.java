package dev.mandate.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a person who can sign in. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
