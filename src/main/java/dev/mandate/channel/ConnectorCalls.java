package dev.mandate.channel;

import dev.mandate.shared.WorkspaceId;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;

/**
 * Calls an account's connector for other modules (a reply going out): finds the adapter for the account's network
 * and hands it a {@link Connection} for the duration of the call.
 */
@Service
public class ConnectorCalls {

    private final ChannelAccounts accounts;
    private final List<Connector> connectors;

    ConnectorCalls(ChannelAccounts accounts, List<Connector> connectors) {
        this.accounts = accounts;
        this.connectors = List.copyOf(connectors);
    }

    /**
     * Runs {@code call} with the account's connector and connection; {@code purpose} says why (it is recorded where
     * the credential is used).
     *
     * @throws ConnectorFailure of kind {@code CONFIGURATION} if no adapter serves the account's network
     */
    public <T> T call(
            WorkspaceId workspace,
            ChannelAccountId account,
            String purpose,
            BiFunction<Connector, Connection, T> call) {
        ChannelAccount found = accounts.get(workspace, account);
        Connector connector = connectors.stream()
                .filter(c -> c.network().equals(found.network()))
                .findFirst()
                .orElseThrow(() -> ConnectorFailure.configuration(
                        "No connector serves " + found.network() + " accounts; replies cannot go out there."));
        return call.apply(connector, new Connection(found, java.util.Map.of(), Connection.Secret.NONE));
    }
}
