package dev.mandate.contact;

import java.util.Locale;
import java.util.Objects;

/**
 * Who wrote something, as a network knows them: the network ({@code email} for e-mail addresses), their
 * handle there (compared without case), and the name they showed.
 */
public record AuthorIdentity(String network, String handle, String displayName) {

    public AuthorIdentity {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(handle, "handle");
        network = network.toLowerCase(Locale.ROOT);
        handle = handle.trim().toLowerCase(Locale.ROOT);
        displayName = displayName == null || displayName.isBlank() ? handle : displayName.trim();
    }

    /** The identity without the shown name: what makes two identities the same. */
    public Key key() {
        return new Key(network, handle);
    }

    /** A network and a handle. */
    public record Key(String network, String handle) {}
}
