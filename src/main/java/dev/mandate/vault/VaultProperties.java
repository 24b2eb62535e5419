package dev.mandate.vault;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the vault's master key comes from. Set at most one of {@code masterKey} and {@code masterKeyFile}; with
 * neither, a key is generated once in the data folder (fine for one machine, not for several).
 *
 * @param masterKey the master key itself: base64 of 32 random bytes, or a Tink AEAD keyset in JSON
 *     ({@code MANDATE_MASTER_KEY}, or {@code MANDATE_VAULT_MASTER_KEY})
 * @param masterKeyFile a file holding the master key in one of those formats ({@code MANDATE_VAULT_MASTER_KEY_FILE})
 * @param newMasterKey the key that {@code vault rotate-master-key} rotates to ({@code MANDATE_VAULT_NEW_MASTER_KEY})
 * @param newMasterKeyFile a file holding the key that {@code vault rotate-master-key} rotates to
 *     ({@code MANDATE_VAULT_NEW_MASTER_KEY_FILE})
 * @param maxSecretChars the longest secret accepted ({@code MANDATE_VAULT_MAX_SECRET_CHARS})
 */
@Validated
@ConfigurationProperties("mandate.vault")
record VaultProperties(
        String masterKey,
        Path masterKeyFile,
        String newMasterKey,
        Path newMasterKeyFile,
        @DefaultValue("16384") @Min(16) @Max(1048576) int maxSecretChars) {

    boolean hasMasterKey() {
        return masterKey != null && !masterKey.isBlank();
    }

    boolean hasNewMasterKey() {
        return newMasterKey != null && !newMasterKey.isBlank();
    }

    @Override
    public String toString() {
        return "VaultProperties[masterKey=" + (hasMasterKey() ? "***" : "none") + ", masterKeyFile=" + masterKeyFile
                + ", newMasterKey=" + (hasNewMasterKey() ? "***" : "none") + ", newMasterKeyFile=" + newMasterKeyFile
                + ", maxSecretChars=" + maxSecretChars + "]";
    }
}
