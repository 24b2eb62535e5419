package dev.mandate.channel;

import java.util.Optional;

/**
 * A {@link Connector} that can be told of new items as they arrive (IMAP IDLE, a stream), so that the sync need not
 * wait for its next poll. Optional: a connector without it is polled, and polling goes on for one with it.
 */
public interface Watchable {

    /**
     * Starts watching the account and runs {@code wake} (which returns quickly) whenever new items may be there; empty
     * where the account's server offers no push. The credential in {@code connection} is used only while this call
     * runs. Throws {@link ConnectorFailure} as {@link Connector#fetch} does when it cannot connect.
     */
    Optional<Watch> watch(Connection connection, Runnable wake);

    /** A running watch of one account; closing it ends it. */
    interface Watch extends AutoCloseable {

        /** Whether it still watches: false once closed or when its connection broke. */
        boolean watching();

        @Override
        void close();
    }
}
