package dev.mandate.channel;

import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.Vault;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;

/**
 * Calls an account's connector for other modules (a reply going out): finds the adapter for the account's network
 * and hands it the account's {@link Connection}, its credential decrypted by the vault only for the call.
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
     * Runs {@code call} with the account's connector and connection; {@code purpose} says why (the vault records it
     * with the use of the credential). Call it outside a transaction: the network call should not hold one open.
     *
     * @throws ConnectorFailure of kind {@code CONFIGURATION} if no adapter serves the account's network, and of kind
     *     {@code REJECTED} if the account was removed
     */
    public <T> T call(
            WorkspaceId workspace,
            ChannelAccountId account,
            String purpose,
            BiFunction<Connector, Connection, T> call) {
        ChannelAccounts.Stored stored = accounts.stored(workspace, account);
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
        return vault.use(
                workspace,
                stored.secretId(),
                purpose,
                plain -> call.apply(
                        connector, new Connection(stored.account(), stored.settings(), Connection.Secret.of(plain))));
    }
}
