package dev.mandate.channel.email;

import dev.mandate.channel.Capability;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.Reply;
import dev.mandate.channel.SettingField;
import dev.mandate.channel.Watchable;
import dev.mandate.shared.OutboundAddresses;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.HeaderTerm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An IMAP mailbox as a channel: reads the inbox since a UID cursor, answers through SMTP with the threading headers
 * that keep the customer's mail program and the inbox on one thread, and finds a reply again by its Message-ID.
 *
 * <p>The cursor is {@code UIDVALIDITY:lastUID} of the INBOX. When the server changes the UIDVALIDITY (the mailbox
 * was rebuilt), the next fetch starts from the beginning again; ingest drops what it has by Message-ID, so that is
 * harmless. Settings: {@code imapHost}, {@code imapPort}, {@code imapSecurity}, {@code user}, {@code smtpHost},
 * {@code smtpPort}, {@code smtpSecurity}, {@code from}; the credential is the mailbox password (IMAP and SMTP share
 * the login).
 */
@Component
class EmailConnector implements Connector, Watchable {

    static final String NETWORK = "email";
    static final int PAGE = 50;

    private static final Logger log = LoggerFactory.getLogger(EmailConnector.class);
    private static final Pattern CURSOR = Pattern.compile("^(\\d{1,20}):(\\d{1,20})$");
    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");
    private static final List<String> SENT_NAMES =
            List.of("Sent", "INBOX.Sent", "Sent Items", "Sent Messages", "Gesendet", "INBOX.Gesendet");

    private final Clock clock;
    private final OutboundAddresses addresses;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int page;

    @Autowired
    EmailConnector(Clock clock, OutboundAddresses addresses) {
        this(clock, addresses, Duration.ofSeconds(15), Duration.ofSeconds(60), PAGE);
    }

    EmailConnector(Clock clock, OutboundAddresses addresses, Duration connectTimeout, Duration readTimeout, int page) {
        this.clock = clock;
        this.addresses = addresses;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.page = page;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FETCH, Capability.REPLY);
    }

    @Override
    public List<SettingField> fields() {
        return List.of(
                SettingField.required("imapHost", "IMAP server", "where mail is read, e.g. imap.example.com"),
                SettingField.optional("imapPort", "IMAP port", "993 for ssl, 143 for starttls or none"),
                SettingField.optional("imapSecurity", "IMAP security", "ssl (default), starttls or none"),
                SettingField.required("user", "User name", "the mailbox login, often the address itself"),
                SettingField.secret("password", "Password", "the mailbox password or an app password"),
                SettingField.required("smtpHost", "SMTP server", "where replies are sent, e.g. smtp.example.com"),
                SettingField.optional("smtpPort", "SMTP port", "587 for starttls, 465 for ssl"),
                SettingField.optional("smtpSecurity", "SMTP security", "starttls (default), ssl or none"),
                SettingField.required(
                        "from", "From address", "the address replies come from, e.g. service@example.com"));
    }

    Mailbox mailbox(Connection connection) {
        return Mailbox.of(connection, addresses, connectTimeout, readTimeout);
    }

    @Override
    public Verified verify(Connection connection) {
        Mailbox mailbox = mailbox(connection);
        Session session = mailbox.session();
        try (Store store = mailbox.openStore(session, connection.secret())) {
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                throw ConnectorFailure.configuration("The mailbox has no INBOX.");
            }
        } catch (MessagingException e) {
            throw Mailbox.reach("mailbox (IMAP)", mailbox.imapHost(), mailbox.imapPort(), e);
        }
        try (Transport transport = mailbox.openTransport(session, connection.secret())) {
            // logged in: replies can go out
        } catch (MessagingException e) {
            throw Mailbox.reach("mail server for sending (SMTP)", mailbox.smtpHost(), mailbox.smtpPort(), e);
        }
        return new Verified(mailbox.from(), List.of(mailbox.from()));
    }

    /**
     * Watches the account's INBOX for new mail where the server offers IMAP IDLE, running {@code wake} when some
     * arrives; empty where it does not. The sync runtime's watches use it to fetch early; polling works without it.
     */
    @Override
    public Optional<Watch> watch(Connection connection, Runnable wake) {
        return MailboxWatcher.start(mailbox(connection), connection, wake).map(Watch.class::cast);
    }

    @Override
    public Fetched fetch(Connection connection, String cursor) {
        Mailbox mailbox = mailbox(connection);
        try (Store store = mailbox.openStore(mailbox.session(), connection.secret())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) inbox;
                long validity = uids.getUIDValidity();
                long after = after(cursor, validity);
                if (inbox.getMessageCount() == 0) {
                    return Fetched.nothing(validity + ":" + after);
                }
                // "n:*" always names the newest message, even when its UID is below n: filter.
                List<Message> fresh = new ArrayList<>();
                for (Message message : uids.getMessagesByUID(after + 1, UIDFolder.LASTUID)) {
                    if (message != null && uids.getUID(message) > after) {
                        fresh.add(message);
                    }
                }
                fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
                List<Message> batch = fresh.subList(0, Math.min(page, fresh.size()));
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                profile.add(FetchProfile.Item.CONTENT_INFO);
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(IMAPFolder.FetchProfileItem.HEADERS);
                inbox.fetch(batch.toArray(Message[]::new), profile);
                List<InboundItem> items = new ArrayList<>();
                int skipped = 0;
                long last = after;
                Instant now = clock.instant();
                for (Message message : batch) {
                    long uid = uid(uids, message);
                    try {
                        items.add(MailMessages.item(message, mailbox.from(), now));
                    } catch (MailMessages.Unreadable e) {
                        skipped++;
                        log.warn(
                                "Skipped message UID {} of email account {}: {}",
                                uid,
                                connection.account().id(),
                                e.getMessage());
                    }
                    last = Math.max(last, uid);
                }
                return new Fetched(items, validity + ":" + last, fresh.size() > batch.size(), skipped);
            } finally {
                close(inbox);
            }
        } catch (MessagingException e) {
            throw Mailbox.reach("mailbox (IMAP)", mailbox.imapHost(), mailbox.imapPort(), e);
        }
    }

    /** The last UID read, if the cursor is of this UIDVALIDITY; otherwise the mailbox is read from its start. */
    static long after(String cursor, long validity) {
        if (cursor == null) {
            return 0;
        }
        Matcher matcher = CURSOR.matcher(cursor);
        if (!matcher.matches() || !matcher.group(1).equals(Long.toString(validity))) {
            return 0;
        }
        try {
            return Long.parseLong(matcher.group(2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("The server gave a message without a UID.", e);
        }
    }

    @Override
    public Delivery reply(Connection connection, Reply reply) {
        Mailbox mailbox = mailbox(connection);
        InternetAddress to = recipient(reply);
        Session session = mailbox.session();
        String messageId = messageId(reply.key(), mailbox.domain());
        MimeMessage message = compose(session, mailbox, reply, to, messageId);
        Transport transport = mailbox.openTransport(session, connection.secret());
        try {
            transport.sendMessage(message, new InternetAddress[] {to});
        } catch (SMTPSendFailedException e) {
            // The server answered the message itself: 4xx is "later", 5xx is "never".
            if (e.getReturnCode() >= 400 && e.getReturnCode() < 500) {
                throw ConnectorFailure.unavailable(
                        "The mail server put the reply off (" + e.getReturnCode() + "); nothing was sent.", null);
            }
            throw ConnectorFailure.rejected("The mail server refused the reply (" + e.getReturnCode() + ").");
        } catch (SendFailedException e) {
            throw ConnectorFailure.rejected("The mail server refused the recipient " + to.getAddress() + ".");
        } catch (MessagingException e) {
            // The connection broke or timed out while the message was on its way: it may have gone out.
            throw ConnectorFailure.unknownOutcome(
                    "The mail server did not confirm the reply ("
                            + Mailbox.rootCause(e).getClass().getSimpleName() + "); it may have been sent.",
                    null);
        } finally {
            close(transport);
        }
        Instant at = clock.instant();
        keepCopy(mailbox, session, connection, message);
        return new Delivery(messageId, null, at);
    }

    /** Looks for the reply by its Message-ID in the Sent folder (where {@link #reply} keeps a copy) and the inbox. */
    @Override
    public Optional<Delivery> findReply(Connection connection, Reply reply) {
        Mailbox mailbox = mailbox(connection);
        String messageId = messageId(reply.key(), mailbox.domain());
        try (Store store = mailbox.openStore(mailbox.session(), connection.secret())) {
            Optional<Folder> sent = sentFolder(store);
            if (sent.isEmpty()) {
                throw ConnectorFailure.configuration("The mailbox has no Sent folder, so whether the reply went out"
                        + " cannot be checked; look in the mail program and resend by hand if needed.");
            }
            for (Folder folder : List.of(sent.get(), store.getFolder("INBOX"))) {
                folder.open(Folder.READ_ONLY);
                try {
                    for (Message found : folder.search(new HeaderTerm("Message-ID", messageId))) {
                        if (MailMessages.ids(String.join(" ", headers(found, "Message-ID")))
                                .contains(messageId)) {
                            Date sentAt = found.getSentDate();
                            return Optional.of(new Delivery(
                                    messageId, null, sentAt != null ? sentAt.toInstant() : clock.instant()));
                        }
                    }
                } finally {
                    close(folder);
                }
            }
            // No copy: either the server never took the mail, or it took it and the copy was never written (the send
            // was not confirmed, or the sender stopped before writing it). SMTP keeps no trace to tell them apart,
            // so this is not "not sent": sending again could make the customer read it twice.
            throw ConnectorFailure.rejected("Whether the mail went out cannot be told: the mailbox has no copy of it,"
                    + " and the mail server keeps no trace of a send it did not confirm. Look in the customer's"
                    + " thread before writing again.");
        } catch (MessagingException e) {
            throw Mailbox.reach("mailbox (IMAP)", mailbox.imapHost(), mailbox.imapPort(), e);
        }
    }

    private static String[] headers(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? new String[0] : values;
    }

    /** The Message-ID a reply gets from its key, so that it can be found again. */
    static String messageId(String key, String domain) {
        String local = SAFE_KEY.matcher(key).matches() ? key : hash(key);
        return "<mandate." + local + "@" + domain + ">";
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InternetAddress recipient(Reply reply) {
        if (reply.recipient() == null || reply.recipient().isBlank()) {
            throw ConnectorFailure.rejected("An e-mail reply needs a recipient address.");
        }
        try {
            return new InternetAddress(reply.recipient().trim(), true);
        } catch (AddressException e) {
            throw ConnectorFailure.rejected("'" + reply.recipient().trim() + "' is not an e-mail address.");
        }
    }

    /** The subject of a reply: the original's with one "Re: " in front. */
    static String subject(String original) {
        String subject = original == null ? "" : original.strip();
        while (subject.regionMatches(true, 0, "Re:", 0, 3) || subject.regionMatches(true, 0, "AW:", 0, 3)) {
            subject = subject.substring(3).strip();
        }
        return subject.isEmpty() ? "Re: your message" : "Re: " + subject;
    }

    /** References: the thread so far, oldest first, ending with the message answered. */
    static List<String> references(Reply reply) {
        Set<String> ids = new LinkedHashSet<>();
        if (reply.threadRoot() != null && reply.references().isEmpty()) {
            ids.addAll(MailMessages.ids(reply.threadRoot()));
        }
        reply.references().forEach(r -> ids.addAll(MailMessages.ids(r)));
        if (reply.parentExternalId() != null) {
            List<String> parent = MailMessages.ids(reply.parentExternalId());
            ids.removeAll(parent);
            ids.addAll(parent);
        }
        return List.copyOf(ids);
    }

    private MimeMessage compose(Session session, Mailbox mailbox, Reply reply, InternetAddress to, String messageId) {
        try {
            MimeMessage message = new KeyedMessage(session, messageId);
            message.setFrom(new InternetAddress(mailbox.from()));
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(subject(reply.subject()), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            List<String> parent =
                    reply.parentExternalId() == null ? List.of() : MailMessages.ids(reply.parentExternalId());
            if (!parent.isEmpty()) {
                message.setHeader("In-Reply-To", parent.get(0));
            }
            List<String> references = references(reply);
            if (!references.isEmpty()) {
                message.setHeader("References", MimeUtility.fold(12, String.join(" ", references)));
            }
            message.setText(reply.text(), "UTF-8");
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw ConnectorFailure.rejected("The reply could not be put together as an e-mail.");
        }
    }

    /** Keeps a copy in the Sent folder, if the mailbox has one; the reply went out whether or not this works. */
    private void keepCopy(Mailbox mailbox, Session session, Connection connection, MimeMessage message) {
        try (Store store = mailbox.openStore(session, connection.secret())) {
            Optional<Folder> sent = sentFolder(store);
            if (sent.isPresent()) {
                message.setFlag(Flags.Flag.SEEN, true);
                sent.get().appendMessages(new Message[] {message});
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn(
                    "Sent a reply from email account {} but could not keep a copy in its Sent folder: {}",
                    connection.account().id(),
                    e.getClass().getSimpleName());
        }
    }

    /** The folder the server marks as Sent (RFC 6154), else one of the usual names. */
    static Optional<Folder> sentFolder(Store store) throws MessagingException {
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if (folder instanceof IMAPFolder imap
                    && Arrays.stream(imap.getAttributes()).anyMatch(a -> a.equalsIgnoreCase("\\Sent"))) {
                return Optional.of(folder);
            }
        }
        for (String name : SENT_NAMES) {
            Folder folder = store.getFolder(name);
            if (folder.exists()) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    private static void close(Folder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException e) {
            // closing a read-only folder loses nothing
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the message was handed over or the failure is already told
        }
    }

    /** A message whose Message-ID is the one derived from the reply's key, not one the library makes up. */
    private static final class KeyedMessage extends MimeMessage {

        private final String messageId;

        KeyedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
