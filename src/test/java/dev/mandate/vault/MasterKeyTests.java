package dev.mandate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.mandate.shared.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Where the master key comes from, what it accepts, and how it binds ciphertexts to their place. */
@ExtendWith(OutputCaptureExtension.class)
class MasterKeyTests {

    @TempDir
    Path dataDir;

    final WorkspaceId workspace = WorkspaceId.random();
    final SecretId id = new SecretId(UUID.randomUUID());

    @Test
    void generatesAnOwnerOnlyKeyFileOnceAndSaysWhereButNotTheKey(CapturedOutput output) throws Exception {
        MasterKey first = MasterKeys.current(properties(null, null), dataDir);
        Path file = dataDir.resolve(MasterKeys.GENERATED_FILE).toAbsolutePath();
        String key = Files.readString(file).strip();

        MasterKey second = MasterKeys.current(properties(null, null), dataDir);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(output.getAll()).contains("generated in " + file).doesNotContain(key);
        assertThat(output.getAll().split("generated in ", -1)).hasSize(2);
        Envelope.Sealed sealed = Envelope.seal(first, workspace, id, bytes("secret"));
        assertThat(Envelope.open(second, workspace, id, sealed)).isEqualTo(bytes("secret"));
    }

    @Test
    void takesTheKeyFromTheEnvironmentOrAFileInsteadOfGeneratingOne() throws Exception {
        String key = MasterKey.generate();
        Path file = Files.writeString(dataDir.resolve("master.key"), key + "\n");

        MasterKey fromEnvironment = MasterKeys.current(properties(key, null), dataDir);
        MasterKey fromFile = MasterKeys.current(properties(null, file), dataDir);

        assertThat(dataDir.resolve(MasterKeys.GENERATED_FILE)).doesNotExist();
        assertThat(fromEnvironment.source()).isEqualTo("MANDATE_MASTER_KEY");
        assertThat(fromFile.source()).contains(file.toString());
        Envelope.Sealed sealed = Envelope.seal(fromEnvironment, workspace, id, bytes("secret"));
        assertThat(Envelope.open(fromFile, workspace, id, sealed)).isEqualTo(bytes("secret"));
    }

    @Test
    void acceptsATinkKeysetInJson() throws Exception {
        MasterKey.registerAead();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());

        MasterKey key = MasterKey.parse(json, "test");

        Envelope.Sealed sealed = Envelope.seal(key, workspace, id, bytes("secret"));
        assertThat(Envelope.open(MasterKey.parse(json, "again"), workspace, id, sealed))
                .isEqualTo(bytes("secret"));
    }

    @Test
    void refusesAKeyOfTheWrongSizeWithoutQuotingIt() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKey.parse(short16, "MANDATE_MASTER_KEY"))
                .isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("MANDATE_MASTER_KEY holds 16 bytes")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> MasterKey.parse("{\"not\": \"a keyset\"}", "the key file k"))
                .isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("not a usable Tink AEAD keyset");
    }

    @Test
    void refusesAKeyAndAKeyFileTogether() throws Exception {
        Path file = Files.writeString(dataDir.resolve("master.key"), MasterKey.generate());

        assertThatThrownBy(() -> MasterKeys.current(properties(MasterKey.generate(), file), dataDir))
                .isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("one of them only");
    }

    @Test
    void explainsWhenNoKeyIsConfiguredAndNoneCanBeGenerated() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("plain-file"), "");

        assertThatThrownBy(() -> MasterKeys.current(properties(null, null), notAFolder.resolve("data")))
                .isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("none could be generated in");
    }

    @Test
    void refusesAMissingKeyFile() {
        assertThatThrownBy(() -> MasterKeys.current(properties(null, dataDir.resolve("absent.key")), dataDir))
                .isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void opensACiphertextOnlyUnderTheKeyWorkspaceAndIdItWasSealedFor() throws Exception {
        MasterKey key = MasterKey.parse(MasterKey.generate(), "test");
        MasterKey otherKey = MasterKey.parse(MasterKey.generate(), "other");
        Envelope.Sealed sealed = Envelope.seal(key, workspace, id, bytes("secret"));

        assertThat(Envelope.open(key, workspace, id, sealed)).isEqualTo(bytes("secret"));
        assertThatThrownBy(() -> Envelope.open(otherKey, workspace, id, sealed))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> Envelope.open(key, WorkspaceId.random(), id, sealed))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> Envelope.open(key, workspace, new SecretId(UUID.randomUUID()), sealed))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void recognisesItsOwnCheckOnly() {
        MasterKey key = MasterKey.parse(MasterKey.generate(), "test");

        assertThat(key.opens(key.newCheck())).isTrue();
        assertThat(MasterKey.parse(MasterKey.generate(), "other").opens(key.newCheck()))
                .isFalse();
        assertThat(key.toString()).isEqualTo("MasterKey[from test]");
    }

    private static VaultProperties properties(String masterKey, Path masterKeyFile) {
        return new VaultProperties(masterKey, masterKeyFile, null, null, 16384);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
