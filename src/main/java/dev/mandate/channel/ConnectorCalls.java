package dev.mandate.channel;

import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.SecretGone;
import dev.mandate.vault.SecretUnreadable;
import dev.mandate.vault.Vault;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Calls an account's connector for other modules (a reply going out): finds the adapter for the account's network
 * and hands it the account's {@link Connection}, its credential decrypted by the vault only for the call. Whatever
 * fails before the network is called (no such account, no adapter, a credential that cannot be read) comes as a
 * {@link ConnectorFailure} too, so that a caller can tell it from a call whose outcome is unknown.
 */
@Service
public class ConnectorCalls {

    private final ChannelAccounts accounts;
    private final Connectors connectors;
    private final Vault vault;

    ConnectorCalls(ChannelAccounts accounts, Connectors connectors, Vault vault) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.vault = vault;
    }

    /**
     * Whether the account still receives, was connected through its network's adapter and that adapter can do
     * {@code capability}: paused accounts can (pausing stops reading, not answering); removed ones, accounts recorded
     * only for the ingest endpoint and networks without an adapter cannot.
     */
    public boolean can(WorkspaceId workspace, ChannelAccountId account, Capability capability) {
        ChannelAccounts.Stored stored;
        try {
            stored = accounts.stored(workspace, account);
        } catch (NotFound e) {
            return false;
        }
        if (stored.state() == AccountState.REMOVED) {
            return false;
        }
        // An account recorded for the ingest endpoint, never connected through its network's connector, has none of
        // the settings the connector needs.
        return connectors
                .find(stored.account().network())
                .filter(connector -> connector.capabilities().contains(capability))
                .filter(connector -> connector.fields().stream()
                        .filter(field -> field.required() && !field.secret())
                        .allMatch(field -> stored.settings().containsKey(field.name())))
                .isPresent();
    }

    /**
     * Runs {@code call} with the account's connector and connection; {@code purpose} says why (the vault records it
     * with the use of the credential). Never inside a transaction: a network call must not hold one open.
     *
     * @throws ConnectorFailure of kind {@code REJECTED} if the account is gone or removed, {@code CONFIGURATION} if no
     *     adapter serves its network, {@code CREDENTIALS} if its credential cannot be read, and whatever the call throws
     */
    public <T> T call(
            WorkspaceId workspace,
            ChannelAccountId account,
            String purpose,
            BiFunction<Connector, Connection, T> call) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A connector call must not run inside a transaction.");
        }
        ChannelAccounts.Stored stored;
        try {
            stored = accounts.stored(workspace, account);
        } catch (NotFound e) {
            throw ConnectorFailure.rejected("The channel account no longer exists.");
        }
        if (stored.state() == AccountState.REMOVED) {
            throw ConnectorFailure.rejected("The account " + stored.account().name() + " was removed.");
        }
        Connector connector = connectors
                .find(stored.account().network())
                .orElseThrow(() -> ConnectorFailure.configuration(
                        "No connector serves " + stored.account().network() + " accounts; nothing can be sent there."));
        if (stored.secretId() == null) {
            return call.apply(connector, new Connection(stored.account(), stored.settings(), null));
        }
        AtomicBoolean called = new AtomicBoolean();
        try {
            return vault.use(workspace, stored.secretId(), purpose, plain -> {
                called.set(true);
                return call.apply(
                        connector, new Connection(stored.account(), stored.settings(), Connection.Secret.of(plain)));
            });
        } catch (SecretGone | SecretUnreadable | NotFound e) {
            if (called.get()) {
                throw e;
            }
            throw ConnectorFailure.credentials(
                    "The credential of " + stored.account().name() + " cannot be used: enter it again.");
        }
    }
}
