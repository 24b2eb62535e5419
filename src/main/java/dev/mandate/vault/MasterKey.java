package dev.mandate.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key-encryption key that wraps every data key of the vault. It comes from the environment or a file, is
 * never stored in the database, and is never printed: {@link #toString()} names only where it came from.
 */
final class MasterKey {

    static final int KEY_BYTES = 32;

    private static final byte[] CHECK_TEXT = "mandate vault master key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_ASSOCIATED_DATA =
            "mandate.vault.master-key-check".getBytes(StandardCharsets.US_ASCII);

    static {
        registerAead();
    }

    /** Makes Tink's AEAD key types known; repeating it is harmless. */
    static void registerAead() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD key types could not be registered", e);
        }
    }

    private final Aead aead;
    private final String source;

    private MasterKey(Aead aead, String source) {
        this.aead = aead;
        this.source = source;
    }

    /**
     * Reads a master key in either format: base64 of {@value #KEY_BYTES} random bytes (AES-256-GCM), or a Tink AEAD
     * keyset in JSON. {@code source} says where it came from, for messages; the key never appears in one.
     */
    static MasterKey parse(String text, String source) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidMasterKey(source + " is empty.");
        }
        try {
            if (trimmed.startsWith("{")) {
                KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(trimmed, InsecureSecretKeyAccess.get());
                return new MasterKey(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class), source);
            }
            return new MasterKey(aesGcm(decodeBase64(trimmed, source)), source);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof InvalidMasterKey invalid) {
                throw invalid;
            }
            // Tink's message may quote the input; say only what is wrong with its form.
            throw new InvalidMasterKey(source + " is not a usable Tink AEAD keyset in JSON.");
        }
    }

    /** A new random key, in the base64 form that {@link #parse} reads. */
    static String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        try {
            return Base64.getEncoder().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] decodeBase64(String text, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new InvalidMasterKey(
                    source + " is neither base64 of " + KEY_BYTES + " bytes nor a Tink keyset in JSON.");
        }
        if (bytes.length != KEY_BYTES) {
            throw new InvalidMasterKey(source + " holds " + bytes.length + " bytes; a master key is base64 of "
                    + KEY_BYTES + " random bytes (e.g. head -c 32 /dev/urandom | base64).");
        }
        return bytes;
    }

    private static Aead aesGcm(byte[] bytes) throws GeneralSecurityException {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Encrypts a data key's keyset under this key, bound to {@code associatedData}. */
    byte[] wrap(KeysetHandle dataKey, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, aead, associatedData);
    }

    /** Decrypts a data key wrapped by {@link #wrap}; fails if the key, the bytes or the associated data differ. */
    KeysetHandle unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, associatedData);
    }

    /** A known text sealed by this key, kept in the database to recognise the key later. */
    byte[] newCheck() {
        try {
            return aead.encrypt(CHECK_TEXT, CHECK_ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the master key check", e);
        }
    }

    /** Whether {@code check} was sealed by this key. */
    boolean opens(byte[] check) {
        try {
            return Arrays.equals(aead.decrypt(check, CHECK_ASSOCIATED_DATA), CHECK_TEXT);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Where the key came from, e.g. {@code MANDATE_MASTER_KEY} or a file's path. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return "MasterKey[from " + source + "]";
    }
}
