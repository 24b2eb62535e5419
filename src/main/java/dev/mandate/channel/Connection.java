package dev.mandate.channel;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Connector} call works with: the account, its settings (never secret) and its credential, which is
 * decrypted only when {@link Secret#reveal()} is called inside the call and is unusable afterwards.
 */
public record Connection(ChannelAccount account, Map<String, String> settings, Secret secret) {

    public Connection {
        Objects.requireNonNull(account, "account");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secret = secret == null ? Secret.NONE : secret;
    }

    /** A setting that connecting required. */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw ConnectorFailure.configuration("The account has no setting '" + name + "'.");
        }
        return value;
    }

    /** A setting that may be missing. */
    public String setting(String name, String otherwise) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** An account's credential, readable only while a connector call runs. Its {@code toString} never shows it. */
    public interface Secret {

        Secret NONE = () -> {
            throw ConnectorFailure.configuration("The account has no credential.");
        };

        /** The plain credential; never log it, never keep it beyond the call. */
        String reveal();

        /** A secret held in memory, for tests and set-up checks before anything is stored. */
        static Secret of(String value) {
            Objects.requireNonNull(value, "value");
            return new Secret() {
                @Override
                public String reveal() {
                    return value;
                }

                @Override
                public String toString() {
                    return "Secret[****]";
                }
            };
        }
    }
}
