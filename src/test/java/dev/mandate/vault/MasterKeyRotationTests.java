package dev.mandate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.MandateApplication;
import dev.mandate.MandateCommands;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code vault rotate-master-key} re-wraps every data key under the new master key, all or nothing, after which
 * the vault works with the new key only. Each test leaves the test database under the key it found.
 */
@SpringBootTest
class MasterKeyRotationTests {

    @Autowired
    Vault vault;

    @Autowired
    Secrets secrets;

    @Autowired
    MasterKeyRotation rotation;

    @Autowired
    AuditTrail trail;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MasterKey current;

    @Value("${mandate.data-dir:./mandate-data}")
    Path dataDir;

    @TempDir
    Path folder;

    Path generatedFile;
    String originalKey;
    final WorkspaceId workspace = WorkspaceId.random();
    final String secret = "mailbox password " + UUID.randomUUID();

    @BeforeEach
    void rememberTheKeyInUse() throws Exception {
        generatedFile =
                dataDir.resolve(MasterKeys.GENERATED_FILE).toAbsolutePath().normalize();
        originalKey = Files.readString(generatedFile).strip();
        assertThat(current.opens(secrets.keyCheck(false).orElseThrow())).isTrue();
    }

    @AfterEach
    void restoreTheKeyInUse() throws Exception {
        if (!current.opens(secrets.keyCheck(false).orElseThrow())) {
            MasterKey inUse = MasterKeys.read(generatedFile);
            rotation.rotate(inUse, current, dev.mandate.shared.Actor.SYSTEM);
            Files.writeString(generatedFile, originalKey + "\n");
        }
        assertThat(current.opens(secrets.keyCheck(false).orElseThrow())).isTrue();
    }

    @Test
    void rewrapsEveryDataKeyAndTheGeneratedKeyFileThenHoldsTheNewKey() throws Exception {
        SecretId id = vault.store(workspace, VaultTests.OWNER, "mailbox password", secret);
        String newKey = MasterKey.generate();
        Path newKeyFile = Files.writeString(folder.resolve("new.key"), newKey);
        SecretId unreadable = vault.store(workspace, VaultTests.OWNER, "altered at rest", "whatever");
        // Flips every bit of one byte: always a change, whatever the byte was.
        VaultTests.execute("update vault.secret set wrapped_key = set_byte(wrapped_key, 29, get_byte(wrapped_key, 29)"
                + " # 255) where id = '" + unreadable + "'");
        long inUse = count("select count(*) from vault.secret where removed_at is null");
        Map<UUID, byte[]> before = wrappedKeys();

        MandateCommands.Outcome outcome =
                MandateCommands.run("vault", "rotate-master-key", "--new-key-file", newKeyFile.toString());

        assertThat(outcome.status()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out())
                .containsPattern("Re-wrapped \\d+ data key\\(s\\)")
                .containsPattern("[1-9]\\d* secret\\(s\\) do not decrypt")
                .contains(unreadable.toString())
                .contains("now holds the new key")
                .doesNotContain(newKey)
                .doesNotContain(originalKey);
        assertThat(Files.readString(generatedFile).strip()).isEqualTo(newKey);
        Map<UUID, byte[]> after = wrappedKeys();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.get(unreadable.value())).isEqualTo(before.get(unreadable.value()));
        assertThat(after.get(id.value())).isNotEqualTo(before.get(id.value()));
        long changed = after.entrySet().stream()
                .filter(row -> !Arrays.equals(row.getValue(), before.get(row.getKey())))
                .count();

        try (ConfigurableApplicationContext started = start()) {
            assertThat(started.getBean(MasterKey.class).source()).contains(generatedFile.toString());
        }
        Path oldKeyFile = Files.writeString(folder.resolve("old.key"), originalKey);
        assertThatThrownBy(() -> start("mandate.vault.master-key-file=" + oldKeyFile))
                .isInstanceOf(MasterKeyMismatch.class)
                .hasMessageContaining("is not the key its credentials were encrypted with")
                .hasMessageNotContaining(originalKey);
        MasterKey startedWith = MasterKeys.current(properties(), dataDir);
        assertThat(vaultWith(startedWith).<String>use(workspace, id, "sync", plain -> plain))
                .isEqualTo(secret);
        assertThatThrownBy(() -> rotation.confirm(current)).isInstanceOf(MasterKeyMismatch.class);
        assertThatThrownBy(() -> vault.use(workspace, id, "sync", plain -> plain))
                .isInstanceOf(SecretUnreadable.class);
        AuditEntry rotated = trail.entries(WorkspaceId.INSTANCE, null, 1).get(0);
        assertThat(rotated.action()).isEqualTo("vault.master-key-rotated");
        assertThat(rotated.details()).contains("\"unreadable\"");
        assertThat(changed).isEqualTo(inUse - unreadableCount(rotated));
        assertThat(outcome.out()).contains("Re-wrapped " + changed + " data key(s)");
    }

    @Test
    void rotatesToAKeyFromTheEnvironmentWhenTheCurrentOneIsConfigured() throws Exception {
        SecretId id = vault.store(workspace, VaultTests.OWNER, "mailbox password", secret);
        String newKey = MasterKey.generate();

        MandateCommands.Outcome outcome = MandateCommands.run(
                "vault",
                "rotate-master-key",
                "--mandate.vault.master-key-file=" + generatedFile,
                "--mandate.vault.new-master-key=" + newKey);

        assertThat(outcome.status()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("Start Mandate with the new key").doesNotContain(newKey);
        assertThat(Files.readString(generatedFile).strip()).isEqualTo(originalKey);
        MasterKey next = MasterKey.parse(newKey, "test");
        assertThat(vaultWith(next).<String>use(workspace, id, "sync", plain -> plain))
                .isEqualTo(secret);
        rotation.rotate(next, current, dev.mandate.shared.Actor.SYSTEM);
    }

    @Test
    void aWrongCurrentKeyAbortsAndChangesNothing() throws Exception {
        SecretId id = vault.store(workspace, VaultTests.OWNER, "mailbox password", secret);
        Path wrongKey = Files.writeString(folder.resolve("wrong.key"), MasterKey.generate());
        Path newKeyFile = Files.writeString(folder.resolve("new.key"), MasterKey.generate());
        Map<UUID, byte[]> before = wrappedKeys();
        byte[] check = secrets.keyCheck(false).orElseThrow();

        MandateCommands.Outcome outcome = MandateCommands.run(
                "vault",
                "rotate-master-key",
                "--mandate.vault.master-key-file=" + wrongKey,
                "--new-key-file",
                newKeyFile.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out())
                .contains("Nothing was changed.")
                .contains("is not the key its credentials were encrypted with");
        assertThat(wrappedKeys())
                .containsOnlyKeys(before.keySet())
                .allSatisfy((row, key) -> assertThat(key).isEqualTo(before.get(row)));
        assertThat(secrets.keyCheck(false).orElseThrow()).isEqualTo(check);
        assertThat(Files.readString(generatedFile).strip()).isEqualTo(originalKey);
        assertThat(vault.<String>use(workspace, id, "sync", plain -> plain)).isEqualTo(secret);
    }

    @Test
    void refusesToStartWithoutANewKey() {
        MandateCommands.Outcome outcome = MandateCommands.run("vault", "rotate-master-key");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).contains("Usage: vault rotate-master-key --new-key-file PATH");
    }

    @Test
    void refusesAnUnusableNewKey() throws Exception {
        Path newKeyFile = Files.writeString(folder.resolve("new.key"), "too short");

        MandateCommands.Outcome outcome =
                MandateCommands.run("vault", "rotate-master-key", "--new-key-file=" + newKeyFile);

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).contains("Nothing was changed.").contains("bytes");
    }

    private static long unreadableCount(AuditEntry rotated) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\"unreadable\":\"(\\d+)\"").matcher(rotated.details());
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Starts the application (without a web server) as an operator would after the rotation. */
    private static ConfigurableApplicationContext start(String... properties) {
        TestDatabase database = TestDatabase.get();
        return new SpringApplicationBuilder(MandateApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "mandate.database.url=" + database.url(),
                        "mandate.database.username=" + database.username(),
                        "mandate.database.password=" + (database.password() == null ? "" : database.password()),
                        "mandate.database.maximum-pool-size=2",
                        "mandate.demo.enabled=false",
                        "mandate.account.admin-password=admin-password-for-tests",
                        "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    private EncryptedVault vaultWith(MasterKey key) {
        return new EncryptedVault(secrets, key, events, clock, transactions, properties());
    }

    private static VaultProperties properties() {
        return new VaultProperties(null, null, null, null, 16384);
    }

    private static Map<UUID, byte[]> wrappedKeys() throws SQLException {
        Map<UUID, byte[]> keys = new HashMap<>();
        try (Connection connection = TestDatabase.get().connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("select id, wrapped_key from vault.secret where removed_at is null")) {
            while (rows.next()) {
                keys.put(rows.getObject(1, UUID.class), rows.getBytes(2));
            }
        }
        return keys;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.get().connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
