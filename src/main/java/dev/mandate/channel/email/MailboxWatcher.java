package dev.mandate.channel.email;

import dev.mandate.channel.Connection;
import dev.mandate.channel.Watchable;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes an e-mail account's sync early when its server announces new mail (IMAP IDLE, RFC 2177), where the server
 * offers IDLE. It only says "look now": reading stays with {@link EmailConnector#fetch}, from the stored cursor, so a
 * missed or duplicate wake-up costs nothing. The watch ends when it is closed or the connection breaks; the polling
 * schedule carries on either way.
 */
final class MailboxWatcher implements Watchable.Watch {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);

    private final Store store;
    private final IMAPFolder inbox;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Thread thread;

    private MailboxWatcher(Store store, IMAPFolder inbox, Runnable wake, String account) {
        this.store = store;
        this.inbox = inbox;
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                wake.run();
            }
        });
        this.thread = new Thread(() -> watch(account), "mail-idle-" + account);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching the account's INBOX, if its server offers IDLE; empty if it does not (then polling alone
     * brings new mail). {@code wake} runs on the watcher's thread and must return quickly.
     */
    static Optional<MailboxWatcher> start(Mailbox mailbox, Connection connection, Runnable wake) {
        Store store = mailbox.openStore(mailbox.session(), connection.secret());
        try {
            if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                store.close();
                return Optional.empty();
            }
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            return Optional.of(new MailboxWatcher(
                    store, inbox, wake, connection.account().id().toString()));
        } catch (MessagingException e) {
            close(store);
            throw Mailbox.reach("mailbox (IMAP)", mailbox.imapHost(), mailbox.imapPort(), e);
        }
    }

    private void watch(String account) {
        try {
            while (open.get() && inbox.isOpen()) {
                // Returns after each notification, or when the server ends the IDLE (typically after 29 minutes).
                inbox.idle(true);
            }
        } catch (MessagingException | IllegalStateException e) {
            if (open.get()) {
                log.info(
                        "Stopped watching email account {} for new mail ({}); polling goes on",
                        account,
                        e.getClass().getSimpleName());
            }
        } finally {
            open.set(false);
            close(store);
        }
    }

    @Override
    public boolean watching() {
        return open.get() && thread.isAlive();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            close(store); // ends a running IDLE
        }
    }

    private static void close(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // nothing more to do
        }
    }
}
