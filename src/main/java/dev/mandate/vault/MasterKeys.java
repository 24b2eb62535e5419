package dev.mandate.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Finds the master key: {@code MANDATE_MASTER_KEY}, else the file {@code MANDATE_VAULT_MASTER_KEY_FILE}, else the
 * key generated in the data folder (created, readable by its owner only, the first time it is needed).
 */
@Configuration(proxyBeanMethods = false)
class MasterKeys {

    /** The generated key's file name, beside the embedded database's {@code postgres} folder. */
    static final String GENERATED_FILE = "vault-master.key";

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    @Bean
    MasterKey masterKey(VaultProperties properties, @Value("${mandate.data-dir:./mandate-data}") Path dataDir) {
        return current(properties, dataDir);
    }

    static MasterKey current(VaultProperties properties, Path dataDir) {
        if (properties.hasMasterKey() && properties.masterKeyFile() != null) {
            throw new InvalidMasterKey("Both MANDATE_MASTER_KEY and MANDATE_VAULT_MASTER_KEY_FILE are set; "
                    + "the vault takes its master key from one of them only.");
        }
        if (properties.hasMasterKey()) {
            return MasterKey.parse(properties.masterKey(), "MANDATE_MASTER_KEY");
        }
        if (properties.masterKeyFile() != null) {
            return read(properties.masterKeyFile());
        }
        Path generated = dataDir.resolve(GENERATED_FILE).toAbsolutePath().normalize();
        return Files.exists(generated) ? read(generated) : generate(generated);
    }

    static MasterKey read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        String source = "the key file " + path;
        if (!Files.isRegularFile(path)) {
            throw new InvalidMasterKey(source + " does not exist or is not a file.");
        }
        warnIfOthersMayRead(path);
        try {
            return MasterKey.parse(Files.readString(path, StandardCharsets.US_ASCII), source);
        } catch (IOException e) {
            throw new InvalidMasterKey(
                    source + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static MasterKey generate(Path path) {
        String key = MasterKey.generate();
        try {
            Files.createDirectories(path.getParent());
            Path draft = Files.createTempFile(path.getParent(), GENERATED_FILE, ".new", ownerOnly());
            try {
                Files.writeString(draft, key + "\n", StandardCharsets.US_ASCII);
                // A link fails if the file exists: of two processes starting at once, one key wins and both use it.
                Files.createLink(path, draft);
            } catch (FileAlreadyExistsException raced) {
                return read(path);
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new InvalidMasterKey("No master key is configured, and none could be generated in " + path + " ("
                    + e.getClass().getSimpleName() + ").");
        }
        log.warn(
                "No vault master key is configured (MANDATE_MASTER_KEY or MANDATE_VAULT_MASTER_KEY_FILE), so one was "
                        + "generated in {}, readable by its owner only. Back it up with the data folder: without it "
                        + "the stored credentials cannot be decrypted.",
                path);
        return MasterKey.parse(key, "the generated key file " + path);
    }

    static FileAttribute<?>[] ownerOnly() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
                }
                : new FileAttribute<?>[0];
    }

    private static void warnIfOthersMayRead(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("The vault master key file {} may be read by other users; chmod 600 it.", path);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
