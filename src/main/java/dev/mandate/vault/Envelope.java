package dev.mandate.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.mandate.shared.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Envelope encryption of one secret: a fresh AES-256-GCM data key encrypts the secret, the master key wraps the
 * data key. Both are bound by associated data to the workspace and the secret id, so neither decrypts in another
 * row or another workspace.
 */
final class Envelope {

    static {
        MasterKey.registerAead();
    }

    private Envelope() {}

    /** A secret as it is stored: its wrapped data key and its ciphertext. */
    record Sealed(byte[] wrappedKey, byte[] ciphertext) {}

    static Sealed seal(MasterKey masterKey, WorkspaceId workspace, SecretId id, byte[] plaintext)
            throws GeneralSecurityException {
        KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] ciphertext = aead(dataKey).encrypt(plaintext, secretData(workspace, id));
        return new Sealed(masterKey.wrap(dataKey, keyData(workspace, id)), ciphertext);
    }

    static byte[] open(MasterKey masterKey, WorkspaceId workspace, SecretId id, Sealed sealed)
            throws GeneralSecurityException {
        KeysetHandle dataKey = masterKey.unwrap(sealed.wrappedKey(), keyData(workspace, id));
        return aead(dataKey).decrypt(sealed.ciphertext(), secretData(workspace, id));
    }

    /** The same data key, wrapped by {@code next} instead of {@code current}; the secret's ciphertext stays. */
    static byte[] rewrap(MasterKey current, MasterKey next, WorkspaceId workspace, SecretId id, byte[] wrappedKey)
            throws GeneralSecurityException {
        byte[] associatedData = keyData(workspace, id);
        return next.wrap(current.unwrap(wrappedKey, associatedData), associatedData);
    }

    private static Aead aead(KeysetHandle dataKey) throws GeneralSecurityException {
        return dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static byte[] secretData(WorkspaceId workspace, SecretId id) {
        return ("mandate.vault.secret:v1:" + workspace + ":" + id).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] keyData(WorkspaceId workspace, SecretId id) {
        return ("mandate.vault.data-key:v1:" + workspace + ":" + id).getBytes(StandardCharsets.US_ASCII);
    }
}
