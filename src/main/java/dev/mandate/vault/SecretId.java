package dev.mandate.vault;

import java.util.Objects;
import java.util.UUID;

/** Identifies one credential in the vault; other modules keep this, never the secret. */
public record SecretId(UUID value) {

    public SecretId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
