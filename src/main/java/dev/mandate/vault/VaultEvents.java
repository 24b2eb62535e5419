package dev.mandate.vault;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to the vault's secrets, for the audit trail; they name a secret by id and purpose, never its value. */
public final class VaultEvents {

    private VaultEvents() {}

    /** A secret was entered. */
    public record SecretStored(WorkspaceId workspaceId, Actor actor, SecretId secretId, String purpose)
            implements AuditableEvent {

        @Override
        public String action() {
            return "vault.secret-stored";
        }

        @Override
        public String subjectType() {
            return "secret";
        }

        @Override
        public String subjectId() {
            return secretId.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("purpose", purpose);
        }
    }

    /** A secret was replaced by a new value under the same id. */
    public record SecretReplaced(WorkspaceId workspaceId, Actor actor, SecretId secretId, String purpose)
            implements AuditableEvent {

        @Override
        public String action() {
            return "vault.secret-replaced";
        }

        @Override
        public String subjectType() {
            return "secret";
        }

        @Override
        public String subjectId() {
            return secretId.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("purpose", purpose);
        }
    }

    /** A secret was removed; it cannot be used any more. */
    public record SecretRemoved(WorkspaceId workspaceId, Actor actor, SecretId secretId, String purpose)
            implements AuditableEvent {

        @Override
        public String action() {
            return "vault.secret-removed";
        }

        @Override
        public String subjectType() {
            return "secret";
        }

        @Override
        public String subjectId() {
            return secretId.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("purpose", purpose);
        }
    }

    /** A secret was decrypted for one call, e.g. a connector's sync; {@code usedFor} says what the call was for. */
    public record SecretUsed(WorkspaceId workspaceId, Actor actor, SecretId secretId, String purpose, String usedFor)
            implements AuditableEvent {

        @Override
        public String action() {
            return "vault.secret-used";
        }

        @Override
        public String subjectType() {
            return "secret";
        }

        @Override
        public String subjectId() {
            return secretId.toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("purpose", usedFor, "secret", purpose);
        }
    }

    /**
     * Every data key was re-wrapped under a new master key (an instance-wide action); {@code unreadable} counts the
     * secrets whose data key did not decrypt and was left as it was.
     */
    public record MasterKeyRotated(Actor actor, int secrets, int unreadable) implements AuditableEvent {

        @Override
        public WorkspaceId workspaceId() {
            return WorkspaceId.INSTANCE;
        }

        @Override
        public String action() {
            return "vault.master-key-rotated";
        }

        @Override
        public String subjectType() {
            return "vault";
        }

        @Override
        public String subjectId() {
            return "master-key";
        }

        @Override
        public Map<String, String> details() {
            return Map.of("secrets", Integer.toString(secrets), "unreadable", Integer.toString(unreadable));
        }
    }
}
