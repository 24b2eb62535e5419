package dev.mandate.publish;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.ConnectorCalls;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Reply;
import dev.mandate.shared.WorkspaceId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Replies go out through the account's connector. */
@Component
class ConnectorSender implements Sender {

    private final ConnectorCalls calls;

    ConnectorSender(ConnectorCalls calls) {
        this.calls = calls;
    }

    @Override
    public Delivery send(WorkspaceId workspace, ChannelAccountId account, Reply reply) {
        return calls.call(workspace, account, "reply", (connector, connection) -> connector.reply(connection, reply));
    }

    @Override
    public Optional<Delivery> find(WorkspaceId workspace, ChannelAccountId account, Reply reply) {
        return calls.call(
                workspace,
                account,
                "reconcile reply",
                (connector, connection) -> connector.findReply(connection, reply));
    }
}
