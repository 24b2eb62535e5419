package dev.mandate.vault;

import dev.mandate.shared.Actor;
import dev.mandate.shared.OperatorCommand;
import dev.mandate.shared.Party;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar mandate.jar vault rotate-master-key --new-key-file PATH}: re-wraps every data key of the vault
 * under a new master key, in one transaction, and says how many. The new key may also come from
 * {@code MANDATE_VAULT_NEW_MASTER_KEY} or {@code MANDATE_VAULT_NEW_MASTER_KEY_FILE}. Where the current key is the
 * generated one in the data folder, that file then holds the new key; otherwise the operator configures the new key
 * before the next start.
 */
@Component
class RotateMasterKeyCommand implements OperatorCommand {

    private static final Actor OPERATOR = new Actor(null, "Operator (command line)", Party.OPERATOR);

    private final MasterKeyRotation rotation;
    private final MasterKey current;
    private final VaultProperties properties;
    private final Path dataDir;
    private final Environment environment;

    RotateMasterKeyCommand(
            MasterKeyRotation rotation,
            MasterKey current,
            VaultProperties properties,
            @Value("${mandate.data-dir:./mandate-data}") Path dataDir,
            Environment environment) {
        this.rotation = rotation;
        this.current = current;
        this.properties = properties;
        this.dataDir = dataDir;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "vault rotate-master-key";
    }

    @Override
    public String description() {
        return "--new-key-file PATH (or MANDATE_VAULT_NEW_MASTER_KEY[_FILE]): re-wraps every credential's data key "
                + "under a new master key";
    }

    @Override
    public int run(String[] arguments, PrintStream out) {
        String option = environment.getProperty("new-key-file");
        if (arguments.length > 1 || (arguments.length == 1 && option != null && !option.isBlank())) {
            out.println("Usage: vault rotate-master-key --new-key-file PATH");
            return 2;
        }
        Path newKeyFile = arguments.length == 1
                ? Path.of(arguments[0])
                : option != null && !option.isBlank() ? Path.of(option) : properties.newMasterKeyFile();
        if (newKeyFile != null && properties.hasNewMasterKey()) {
            out.println("Give the new master key once: a file or MANDATE_VAULT_NEW_MASTER_KEY, not both.");
            return 2;
        }
        if (newKeyFile == null && !properties.hasNewMasterKey()) {
            out.println("Usage: vault rotate-master-key --new-key-file PATH");
            out.println("  (or set MANDATE_VAULT_NEW_MASTER_KEY to the new key: base64 of 32 random bytes, e.g. "
                    + "head -c 32 /dev/urandom | base64)");
            return 2;
        }
        String newKeyText;
        MasterKey next;
        try {
            newKeyText = newKeyFile == null ? properties.newMasterKey() : readKeyText(newKeyFile);
            next = newKeyFile == null
                    ? MasterKey.parse(newKeyText, "MANDATE_VAULT_NEW_MASTER_KEY")
                    : MasterKey.parse(newKeyText, "the key file " + newKeyFile.toAbsolutePath());
        } catch (MasterKeyProblem e) {
            out.println("Nothing was changed. " + e.getMessage());
            return 2;
        }
        MasterKeyRotation.Rotated rotated;
        try {
            rotated = rotation.rotate(current, next, OPERATOR);
        } catch (MasterKeyProblem e) {
            out.println("Nothing was changed. " + e.getMessage());
            out.println(e.action());
            return 1;
        }
        out.printf("Re-wrapped %d data key(s) under the new master key from %s.%n", rotated.rewrapped(), next.source());
        if (!rotated.unreadable().isEmpty()) {
            out.printf(
                    "%d secret(s) do not decrypt (altered at rest) and were left as they were; they cannot be used "
                            + "and must be entered again: %s%n",
                    rotated.unreadable().size(), rotated.unreadable());
        }
        if (usesGeneratedKey()) {
            Path generated =
                    dataDir.resolve(MasterKeys.GENERATED_FILE).toAbsolutePath().normalize();
            try {
                replace(generated, newKeyText);
                out.println("The generated key file " + generated + " now holds the new key; Mandate starts with it.");
            } catch (IOException e) {
                out.println("The vault is now encrypted under the new key, but " + generated + " could not be "
                        + "updated (" + e.getClass().getSimpleName() + "): copy the new key into it, or set "
                        + "MANDATE_VAULT_MASTER_KEY_FILE to the new key's file, before the next start.");
                return 1;
            }
        } else {
            out.println("Start Mandate with the new key from now on (MANDATE_MASTER_KEY or "
                    + "MANDATE_VAULT_MASTER_KEY_FILE); the old key no longer opens the vault.");
        }
        return 0;
    }

    private boolean usesGeneratedKey() {
        return !properties.hasMasterKey() && properties.masterKeyFile() == null;
    }

    private static String readKeyText(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidMasterKey(
                    "The key file " + path + " cannot be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static void replace(Path generated, String keyText) throws IOException {
        Path draft =
                Files.createTempFile(generated.getParent(), MasterKeys.GENERATED_FILE, ".new", MasterKeys.ownerOnly());
        try {
            Files.writeString(draft, keyText.strip() + "\n", StandardCharsets.US_ASCII);
            Files.move(draft, generated, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
