package dev.mandate.vault;

import dev.mandate.shared.Actor;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link Vault} on PostgreSQL: every secret sealed in its own envelope under the master key, every store,
 * replacement, removal and use recorded in the audit trail in the same transaction. There is deliberately no
 * method that returns a secret.
 */
@Service
class EncryptedVault implements Vault {

    private static final Logger log = LoggerFactory.getLogger(EncryptedVault.class);

    private final Secrets secrets;
    private final MasterKey masterKey;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int maxSecretChars;

    EncryptedVault(
            Secrets secrets,
            MasterKey masterKey,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions,
            VaultProperties properties) {
        this.secrets = secrets;
        this.masterKey = masterKey;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.maxSecretChars = properties.maxSecretChars();
    }

    @Override
    @Transactional
    public SecretId store(WorkspaceId workspace, Actor by, String purpose, String secret) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(by, "by");
        String what = purpose(purpose, "Say what the secret is for, in at most 200 characters.");
        SecretId id = new SecretId(UUID.randomUUID());
        secrets.insert(id, workspace, what, seal(workspace, id, secret), clock.instant());
        events.publishEvent(new VaultEvents.SecretStored(workspace, by, id, what));
        return id;
    }

    @Override
    @Transactional
    public void replace(WorkspaceId workspace, Actor by, SecretId id, String secret) {
        Objects.requireNonNull(by, "by");
        Secrets.Stored stored = inUse(workspace, id, true);
        secrets.reseal(id, seal(workspace, id, secret), clock.instant());
        events.publishEvent(new VaultEvents.SecretReplaced(workspace, by, id, stored.purpose()));
    }

    @Override
    @Transactional
    public void remove(WorkspaceId workspace, Actor by, SecretId id) {
        Objects.requireNonNull(by, "by");
        Secrets.Stored stored = inUse(workspace, id, true);
        secrets.markRemoved(id, clock.instant());
        events.publishEvent(new VaultEvents.SecretRemoved(workspace, by, id, stored.purpose()));
    }

    @Override
    public <T> T use(WorkspaceId workspace, SecretId id, String purpose, Function<String, T> call) {
        Objects.requireNonNull(call, "call");
        String usedFor = purpose(purpose, "Say what the secret is used for, e.g. sync or reply.");
        // Called outside a transaction (as connectors should), the use is recorded and committed before the call,
        // which may be a slow network request: no connection, and no lock on the workspace's audit chain, is held
        // while it runs. Inside a caller's transaction it joins that transaction, like every other audited change.
        byte[] plaintext = transaction.execute(status -> {
            Secrets.Stored stored = inUse(workspace, id, false);
            byte[] opened = open(stored);
            events.publishEvent(new VaultEvents.SecretUsed(workspace, Actor.SYSTEM, id, stored.purpose(), usedFor));
            return opened;
        });
        try {
            return call.apply(new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Secrets.Stored inUse(WorkspaceId workspace, SecretId id, boolean forUpdate) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(id, "id");
        Secrets.Stored stored = secrets.find(workspace, id, forUpdate).orElseThrow(() -> new NotFound("secret"));
        if (stored.removed()) {
            throw new SecretGone(id, stored.removedAt());
        }
        return stored;
    }

    private Envelope.Sealed seal(WorkspaceId workspace, SecretId id, String secret) {
        // The message names the field only: it must never quote the secret.
        if (secret == null || secret.isEmpty()) {
            throw new InvalidInput("secret", "Enter the secret; it cannot be empty.");
        }
        if (secret.length() > maxSecretChars) {
            throw new InvalidInput("secret", "A secret has at most " + maxSecretChars + " characters.");
        }
        byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return Envelope.seal(masterKey, workspace, id, plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt the secret " + id, e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private byte[] open(Secrets.Stored stored) {
        try {
            return Envelope.open(masterKey, stored.workspace(), stored.id(), stored.sealed());
        } catch (GeneralSecurityException e) {
            log.warn(
                    "Secret {} of workspace {} does not decrypt: altered at rest, copied from another row, or sealed "
                            + "under another master key",
                    stored.id(),
                    stored.workspace());
            throw new SecretUnreadable(stored.id());
        }
    }

    private static String purpose(String purpose, String message) {
        String trimmed = purpose == null ? "" : purpose.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidInput("purpose", message);
        }
        return trimmed;
    }
}
