package dev.mandate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.storage.TestDatabase;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/** The vault keeps secrets encrypted, hands them only to a call, audits every step and never shows a secret. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class VaultTests {

    static final Actor OWNER = new Actor(new AccountId(UUID.randomUUID()), "Brand Owner", Party.BRAND);

    @Autowired
    Vault vault;

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    final WorkspaceId workspace = WorkspaceId.random();
    final String secret = "app-password " + UUID.randomUUID();

    @Test
    void keepsNoPlainTextAtRest() throws SQLException {
        SecretId id = vault.store(workspace, OWNER, "wordpress application password for example.org", secret);

        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select s::text, wrapped_key, ciphertext from vault.secret s where id = ?")) {
            query.setObject(1, id.value());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).doesNotContain(secret).doesNotContain(hex(secret));
                byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
                assertThat(contains(row.getBytes("ciphertext"), plain)).isFalse();
                assertThat(contains(row.getBytes("wrapped_key"), plain)).isFalse();
                assertThat(row.getBytes("ciphertext")).hasSizeGreaterThan(plain.length);
            }
        }
    }

    @Test
    void handsTheSecretToTheCallAndReturnsWhatTheCallReturns() {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);

        String answer = vault.use(workspace, id, "sync", plain -> plain.equals(secret) ? "signed in" : "refused");

        assertThat(answer).isEqualTo("signed in");
    }

    @Test
    void replacesTheSecretUnderTheSameId() {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);

        vault.replace(workspace, OWNER, id, "the new password");

        assertThat(vault.<String>use(workspace, id, "sync", plain -> plain)).isEqualTo("the new password");
    }

    @Test
    void auditsEveryStepWithThePurposeAndNeverTheSecret() {
        SecretId id = vault.store(workspace, OWNER, "wordpress application password", secret);
        vault.use(workspace, id, "reply", plain -> null);
        vault.replace(workspace, OWNER, id, secret + " new");
        vault.remove(workspace, OWNER, id);

        List<AuditEntry> entries = trail.entries(workspace, null, 100).stream()
                .sorted(Comparator.comparingLong(AuditEntry::seq))
                .toList();

        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly(
                        "vault.secret-stored", "vault.secret-used", "vault.secret-replaced", "vault.secret-removed");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.subjectId()).isEqualTo(id.toString());
            assertThat(entry.details()).doesNotContain(secret);
        });
        assertThat(entries.get(0).actorName()).isEqualTo("Brand Owner");
        assertThat(entries.get(0).details()).contains("wordpress application password");
        assertThat(entries.get(1).details()).contains("\"purpose\":\"reply\"");
        assertThat(trail.verify(workspace).intact()).isTrue();
    }

    @Test
    void refusesToUseOrReplaceARemovedSecret() {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);
        vault.remove(workspace, OWNER, id);
        AtomicBoolean called = new AtomicBoolean();

        assertThatThrownBy(() -> vault.use(workspace, id, "sync", plain -> called.getAndSet(true)))
                .isInstanceOf(SecretGone.class)
                .hasMessageContaining("was removed")
                .hasMessageContaining(id.toString());
        assertThatThrownBy(() -> vault.replace(workspace, OWNER, id, "again")).isInstanceOf(SecretGone.class);
        assertThat(called).isFalse();
    }

    @Test
    void removingShredsTheKeyMaterial() throws SQLException {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);

        vault.remove(workspace, OWNER, id);

        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select wrapped_key, ciphertext, removed_at from vault.secret where id = ?")) {
            query.setObject(1, id.value());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes("wrapped_key")).isNull();
                assertThat(row.getBytes("ciphertext")).isNull();
                assertThat(row.getObject("removed_at")).isNotNull();
            }
        }
    }

    @Test
    void refusesASecretOfAnotherWorkspace() {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);
        WorkspaceId other = WorkspaceId.random();

        assertThatThrownBy(() -> vault.use(other, id, "sync", plain -> plain)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> vault.replace(other, OWNER, id, "mine now")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> vault.remove(other, OWNER, id)).isInstanceOf(NotFound.class);
        assertThat(vault.<String>use(workspace, id, "sync", plain -> plain)).isEqualTo(secret);
    }

    @Test
    void refusesATamperedCiphertext() throws SQLException {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);
        execute("update vault.secret set ciphertext = set_byte(ciphertext, 19, get_byte(ciphertext, 19) # 255)"
                + " where id = '" + id + "'");
        AtomicBoolean called = new AtomicBoolean();

        assertThatThrownBy(() -> vault.use(workspace, id, "sync", plain -> called.getAndSet(true)))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("could not be decrypted");
        assertThat(called).isFalse();
    }

    @Test
    void refusesACiphertextCopiedToAnotherRowOrWorkspace() throws SQLException {
        SecretId original = vault.store(workspace, OWNER, "mailbox password", secret);
        SecretId sameWorkspace = vault.store(workspace, OWNER, "other password", "other");
        WorkspaceId otherWorkspace = WorkspaceId.random();
        SecretId elsewhere = vault.store(otherWorkspace, OWNER, "their password", "theirs");

        for (SecretId target : List.of(sameWorkspace, elsewhere)) {
            execute("update vault.secret t set wrapped_key = s.wrapped_key, ciphertext = s.ciphertext"
                    + " from vault.secret s where s.id = '" + original + "' and t.id = '" + target + "'");
        }

        assertThatThrownBy(() -> vault.use(workspace, sameWorkspace, "sync", plain -> plain))
                .isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> vault.use(otherWorkspace, elsewhere, "sync", plain -> plain))
                .isInstanceOf(SecretUnreadable.class);
        assertThat(vault.<String>use(workspace, original, "sync", plain -> plain))
                .isEqualTo(secret);
    }

    @Test
    void storesNothingWhenTheTransactionAroundItFails() throws SQLException {
        SecretId[] stored = new SecretId[1];

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    stored[0] = vault.store(workspace, OWNER, "mailbox password", secret);
                    throw new IllegalStateException("the surrounding work failed");
                }))
                .hasMessage("the surrounding work failed");

        assertThatThrownBy(() -> vault.use(workspace, stored[0], "sync", plain -> plain))
                .isInstanceOf(NotFound.class);
        assertThat(trail.entries(workspace, null, 10)).isEmpty();
    }

    @Test
    void rejectsAnEmptySecretOrAMissingPurposeNamingTheField() {
        assertThatThrownBy(() -> vault.store(workspace, OWNER, "mailbox password", ""))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("secret"));
        assertThatThrownBy(() -> vault.store(workspace, OWNER, " ", secret))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("purpose");
                    assertThat(e.getMessage()).doesNotContain(secret);
                });
    }

    @Test
    void writesNoLogLineWithTheSecret(CapturedOutput output) throws SQLException {
        SecretId id = vault.store(workspace, OWNER, "mailbox password", secret);
        vault.use(workspace, id, "sync", plain -> plain.length());
        vault.replace(workspace, OWNER, id, secret + "-2");
        execute("update vault.secret set ciphertext = set_byte(ciphertext, 19, get_byte(ciphertext, 19) # 255)"
                + " where id = '" + id + "'");
        assertThatThrownBy(() -> vault.use(workspace, id, "sync", plain -> plain))
                .isInstanceOf(SecretUnreadable.class);
        vault.remove(workspace, OWNER, id);
        assertThatThrownBy(() -> vault.use(workspace, id, "sync", plain -> plain))
                .isInstanceOf(SecretGone.class);

        assertThat(output.getAll()).contains("does not decrypt").doesNotContain(secret);
    }

    @Test
    void offersNoWayToReadASecret() {
        List<Class<?>> readable = List.of(String.class, byte[].class, char[].class, CharSequence.class);
        for (Class<?> type : List.of(Vault.class, EncryptedVault.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (java.lang.reflect.Modifier.isPublic(method.getModifiers())) {
                    assertThat(readable).as(method.toString()).doesNotContain(method.getReturnType());
                }
            }
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.get().connect()) {
            connection.createStatement().execute(sql);
        }
    }

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
