package dev.mandate.publish;

import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Reply;
import dev.mandate.shared.WorkspaceId;
import java.util.Optional;

/**
 * How a reply reaches its network: the account's connector, called with the account's credential. Failures come as
 * {@link dev.mandate.channel.ConnectorFailure}s saying what kind they are.
 */
interface Sender {

    /** Sends the reply; the network's id for it. */
    Delivery send(WorkspaceId workspace, ChannelAccountId account, Reply reply);

    /** Looks on the network for a reply whose outcome is unknown. */
    Optional<Delivery> find(WorkspaceId workspace, ChannelAccountId account, Reply reply);
}
