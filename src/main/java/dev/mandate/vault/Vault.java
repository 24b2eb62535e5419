package dev.mandate.vault;

import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import java.util.function.Function;

/**
 * The workspace's credentials, encrypted at rest. A secret goes in once and is never shown again; a connector call
 * gets it only inside {@link #use}, and every store, use, replacement and removal is audited. Another workspace's
 * secret answers {@link dev.mandate.shared.NotFound}; a removed one {@link SecretGone}; one that does not decrypt
 * (altered at rest) {@link SecretUnreadable}.
 */
public interface Vault {

    /** Stores a secret for {@code purpose} (e.g. "wordpress application password for example.org"). */
    SecretId store(WorkspaceId workspace, Actor by, String purpose, String secret);

    /** Replaces the secret behind {@code id} (a new password); the id stays. */
    void replace(WorkspaceId workspace, Actor by, SecretId id, String secret);

    /** Removes a secret; using it afterwards fails. */
    void remove(WorkspaceId workspace, Actor by, SecretId id);

    /**
     * Decrypts the secret, hands it to {@code call} and returns what the call returns; the plain text lives only
     * during the call. Audited as a use by {@code purpose} (e.g. "sync", "reply"). Call it outside a transaction:
     * the use is then committed before the call, and nothing is held open while the call waits on a network.
     */
    <T> T use(WorkspaceId workspace, SecretId id, String purpose, Function<String, T> call);
}
