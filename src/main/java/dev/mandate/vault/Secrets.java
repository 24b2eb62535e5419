package dev.mandate.vault;

import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The vault's rows: sealed secrets and the master key check. Holds ciphertext only, never plain text. */
@Repository
class Secrets {

    /** One secret's row; {@code sealed} is absent once it was removed. */
    record Stored(SecretId id, WorkspaceId workspace, String purpose, Envelope.Sealed sealed, Instant removedAt) {

        boolean removed() {
            return removedAt != null;
        }
    }

    private final JdbcClient jdbc;

    Secrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SecretId id, WorkspaceId workspace, String purpose, Envelope.Sealed sealed, Instant at) {
        jdbc.sql("""
                        insert into vault.secret (id, workspace_id, purpose, wrapped_key, ciphertext, created_at)
                        values (:id, :workspace, :purpose, :key, :ciphertext, :at)
                        """)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .param("purpose", purpose)
                .param("key", sealed.wrappedKey())
                .param("ciphertext", sealed.ciphertext())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The secret, if it belongs to the workspace; locked for the transaction when {@code forUpdate}. */
    Optional<Stored> find(WorkspaceId workspace, SecretId id, boolean forUpdate) {
        return jdbc.sql("select * from vault.secret where workspace_id = :workspace and id = :id"
                        + (forUpdate ? " for update" : ""))
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(Secrets::read)
                .optional();
    }

    void reseal(SecretId id, Envelope.Sealed sealed, Instant at) {
        jdbc.sql("""
                        update vault.secret set wrapped_key = :key, ciphertext = :ciphertext, replaced_at = :at
                         where id = :id
                        """)
                .param("key", sealed.wrappedKey())
                .param("ciphertext", sealed.ciphertext())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id.value())
                .update();
    }

    void markRemoved(SecretId id, Instant at) {
        jdbc.sql("update vault.secret set wrapped_key = null, ciphertext = null, removed_at = :at where id = :id")
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id.value())
                .update();
    }

    /** Every secret still in use, locked for the transaction (for a rotation). */
    List<Stored> allInUseForUpdate() {
        return jdbc.sql("select * from vault.secret where removed_at is null order by id for update")
                .query(Secrets::read)
                .list();
    }

    void rewrap(SecretId id, byte[] wrappedKey) {
        jdbc.sql("update vault.secret set wrapped_key = :key where id = :id")
                .param("key", wrappedKey)
                .param("id", id.value())
                .update();
    }

    /** The master key check, locked for the transaction when {@code forUpdate}; absent before the first start. */
    Optional<byte[]> keyCheck(boolean forUpdate) {
        return jdbc.sql("select key_check from vault.master_key where id = 1" + (forUpdate ? " for update" : ""))
                .query((rs, row) -> rs.getBytes(1))
                .optional();
    }

    /** Records the check of the first master key, unless another node got there first. */
    void createKeyCheck(byte[] check, Instant at) {
        jdbc.sql(
                        "insert into vault.master_key (id, key_check, created_at) values (1, :check, :at) on conflict do nothing")
                .param("check", check)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    void replaceKeyCheck(byte[] check, Instant at) {
        jdbc.sql("update vault.master_key set key_check = :check, rotated_at = :at where id = 1")
                .param("check", check)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static Stored read(ResultSet rs, int row) throws SQLException {
        OffsetDateTime removedAt = rs.getObject("removed_at", OffsetDateTime.class);
        byte[] wrappedKey = rs.getBytes("wrapped_key");
        return new Stored(
                new SecretId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                rs.getString("purpose"),
                wrappedKey == null ? null : new Envelope.Sealed(wrappedKey, rs.getBytes("ciphertext")),
                removedAt == null ? null : removedAt.toInstant());
    }
}
