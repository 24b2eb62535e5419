package dev.mandate.channel;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a network adapter implements: one per network, a Spring bean in its own sub-package of {@code channel}
 * (e.g. {@code channel.wordpress}). Adding a network means adding such a sub-package and nothing else.
 *
 * <p>Every call gets a {@link Connection}: the account, its settings and a {@link Secret} that is decrypted only
 * while the call runs. A call that fails throws a {@link ConnectorFailure} saying what kind of failure it was, so
 * that the runtime can tell a wrong password from a network that is down (incidents) or a rate limit (delay).
 * Operations outside {@link #capabilities()} keep the default, which refuses.
 */
public interface Connector {

    /** The network's name in lower case, as stored on the account: {@code wordpress}, {@code email}, {@code feed}. */
    String network();

    /** What the adapter can do. */
    Set<Capability> capabilities();

    /** What connecting an account asks for, in the order the form shows it. */
    List<SettingField> fields();

    /**
     * Checks at connect time that the settings and the secret work, and says who the brand is there.
     *
     * @throws ConnectorFailure with a message a person can act on ("The site has no REST API at …")
     */
    Verified verify(Connection connection);

    /**
     * Reads what arrived since {@code cursor} ({@code null}: from the beginning, as far back as the network allows).
     * Returns at most one page; the runtime calls again while {@link Fetched#more()}. An item the adapter cannot
     * read is logged (without secrets), counted in {@link Fetched#skipped()} and left out; it never stops the page.
     */
    default Fetched fetch(Connection connection, String cursor) {
        throw ConnectorFailure.unsupported(network(), Capability.FETCH);
    }

    /** Sends a reply as the brand, threaded under {@link Reply#parentExternalId()}; returns the network's id for it. */
    default Delivery reply(Connection connection, Reply reply) {
        throw ConnectorFailure.unsupported(network(), Capability.REPLY);
    }

    /**
     * Looks on the network for a reply whose outcome is unknown (the send timed out), by what the adapter put into it
     * to recognise it (e.g. {@link Reply#key()}). Empty means the network certainly does not have it, and the reply is
     * then sent again; where the network cannot tell for certain (e-mail: no copy is no proof), throw a
     * {@link ConnectorFailure} of kind {@code REJECTED} saying so, and a person decides.
     */
    default Optional<Delivery> findReply(Connection connection, Reply reply) {
        throw ConnectorFailure.unsupported(network(), Capability.REPLY);
    }

    /** Approves, holds, marks as spam or trashes an item at the network. */
    default void moderate(Connection connection, String externalId, Moderation action) {
        throw ConnectorFailure.unsupported(network(), Capability.MODERATE);
    }

    /** Result of {@link #verify}: the name the network gives the account and the brand's own handles there. */
    record Verified(String displayName, List<String> brandHandles) {
        public Verified {
            brandHandles = brandHandles == null ? List.of() : List.copyOf(brandHandles);
        }
    }
}
