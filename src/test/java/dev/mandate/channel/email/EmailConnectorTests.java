package dev.mandate.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.Arrivals;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.Reply;
import dev.mandate.inbox.ConversationKind;
import dev.mandate.inbox.ConversationSummary;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.Actor;
import dev.mandate.shared.OutboundAddresses;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The e-mail channel against a real IMAP and SMTP server (GreenMail, in-process): a customer's mail goes through the
 * real ingest into the inbox, the brand's reply reaches the customer with the threading headers, the customer's answer
 * joins the same conversation, and nothing arrives twice.
 */
@SpringBootTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class EmailConnectorTests {

    static final String BRAND = "service@brand.test";
    static final String BRAND_PASSWORD = "brand-mailbox-secret";
    static final String CUSTOMER = "kunde@customer.test";

    /** GreenMail listens on 127.0.0.1. */
    static final OutboundAddresses LOCAL = new OutboundAddresses(true);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(
                    new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.IMAPS}))
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser(BRAND, BRAND, BRAND_PASSWORD)
                    .withUser(CUSTOMER, CUSTOMER, "customer-secret"));

    @Autowired
    EmailConnector connector;

    @Autowired
    List<Connector> connectors;

    @Autowired
    Arrivals arrivals;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    dev.mandate.channel.ChannelConnections connections;

    @Autowired
    dev.mandate.channel.ChannelSync sync;

    @Autowired
    dev.mandate.publish.Replies replies;

    @Autowired
    dev.mandate.publish.OutboxWorker outbox;

    Membership owner;
    ChannelAccount account;

    @BeforeEach
    void connectAMailbox() {
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        account = channels.connect(team.id(), Actor.SYSTEM, "email", "Service mailbox", List.of(BRAND));
    }

    Connection connection(String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", Integer.toString(mail.getImap().getPort()));
        settings.put("imapSecurity", "none");
        settings.put("user", BRAND);
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", Integer.toString(mail.getSmtp().getPort()));
        settings.put("smtpSecurity", "none");
        settings.put("from", "Service@Brand.test");
        return new Connection(account, settings, Connection.Secret.of(password));
    }

    Connection connection() {
        return connection(BRAND_PASSWORD);
    }

    GreenMailUser brandMailbox() {
        return mail.getUserManager().getUser(BRAND);
    }

    void deliver(String raw) {
        brandMailbox().deliver(GreenMailUtil.newMimeMessage(raw));
    }

    static String customerMail(String messageId, String extraHeaders, String body) {
        return customerMail(messageId, "Mon, 23 Nov 2026 09:15:00 +0100", extraHeaders, body);
    }

    static String customerMail(String messageId, String date, String extraHeaders, String body) {
        return "From: =?UTF-8?Q?J=C3=BCrgen_Kunde?= <Kunde@Customer.test>\r\n"
                + "To: " + BRAND + "\r\n"
                + "Subject: =?UTF-8?Q?Frage_zur_Rechnung_f=C3=BCr_M=C3=A4rz?=\r\n"
                + "Date: " + date + "\r\n"
                + (messageId == null ? "" : "Message-ID: " + messageId + "\r\n")
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + body;
    }

    static String plain(String text) {
        return "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\r\n";
    }

    List<ConversationSummary> conversations() {
        return inbox.conversations(owner, 100, null).conversations();
    }

    @Test
    void isTheConnectorForTheEmailNetwork() {
        assertThat(connectors).filteredOn(c -> c.network().equals("email")).containsExactly(connector);
        assertThat(connector.fields())
                .filteredOn(f -> f.secret())
                .extracting(f -> f.name())
                .containsExactly("password");
    }

    @Test
    void verifiesTheMailboxAndNamesTheBrandByItsFromAddress() {
        Connector.Verified verified = connector.verify(connection());

        assertThat(verified.brandHandles()).containsExactly(BRAND);
        assertThat(verified.displayName()).isEqualTo(BRAND);
    }

    @Test
    void refusesAWrongPasswordAsACredentialsFailure() {
        assertThatThrownBy(() -> connector.verify(connection("wrong-password")))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS);
                    assertThat(failure.getMessage())
                            .isEqualTo("The mailbox refused the login.")
                            .doesNotContain("wrong-password");
                });
        assertThatThrownBy(() -> connector.fetch(connection("wrong-password"), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS));
    }

    @Test
    void refusesMailServersInsideItsOwnNetwork() {
        EmailConnector guarded = new EmailConnector(
                Clock.systemUTC(),
                new OutboundAddresses(false),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                EmailConnector.PAGE);
        assertThatThrownBy(() -> guarded.verify(connection()))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.addressRefused()).isTrue();
                    assertThat(failure.field()).isEqualTo("imapHost");
                    assertThat(failure.getMessage()).contains("127.0.0.1 is an internal address");
                });
        assertThatThrownBy(() -> guarded.fetch(connection(), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.field()).isEqualTo("imapHost"));

        // The IMAP server counts as public here; the SMTP server is checked on its own.
        EmailConnector imapIsPublic = new EmailConnector(
                Clock.systemUTC(),
                new OutboundAddresses(
                        false,
                        host -> host.equals("127.0.0.1")
                                ? new java.net.InetAddress[] {java.net.InetAddress.getByName("203.0.113.7")}
                                : java.net.InetAddress.getAllByName(host)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                EmailConnector.PAGE);
        Map<String, String> settings = new HashMap<>(connection().settings());
        settings.put("smtpHost", "169.254.169.254");
        assertThatThrownBy(() ->
                        imapIsPublic.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.field()).isEqualTo("smtpHost");
                    assertThat(failure.getMessage()).contains("169.254.169.254 is an internal address");
                });
    }

    @Test
    void tellsAnUnknownHostOrAClosedPortAsASettingToFix() {
        Map<String, String> settings = new HashMap<>(connection().settings());
        settings.put("imapHost", "no-such-host.invalid");
        assertThatThrownBy(
                        () -> connector.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.getMessage()).contains("no-such-host.invalid");
                });

        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", "1");
        assertThatThrownBy(
                        () -> connector.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.getMessage()).contains("127.0.0.1:1");
                });

        settings.put("imapPort", Integer.toString(mail.getImaps().getPort()));
        settings.put("imapSecurity", "ssl");
        assertThatThrownBy(
                        () -> connector.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .as("a server whose certificate is not trusted (GreenMail's own)")
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.getMessage()).contains("secure connection");
                });

        settings.put("imapPort", Integer.toString(mail.getImap().getPort()));
        settings.put("imapSecurity", "starttls");
        assertThatThrownBy(
                        () -> connector.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .as("a server that does not offer the STARTTLS the setting requires")
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));

        settings.put("imapPort", "143");
        settings.put("imapSecurity", "tls-please");
        assertThatThrownBy(
                        () -> connector.verify(new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD))))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.getMessage()).contains("imapSecurity");
                });
    }

    @Test
    void roundTripsAConversationFromCustomerToBrandAndBackIntoOneConversation() throws Exception {
        createSentFolder();
        deliver(customerMail(
                "<m1@customer.test>",
                "",
                "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                        + "--outer\r\n"
                        + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                        + "--alt\r\n"
                        + plain("Guten Tag, die Rechnung für März ist doppelt gekommen. Grüße, Jürgen")
                        + "--alt\r\n"
                        + "Content-Type: text/html; charset=US-ASCII\r\n\r\n"
                        + "<p>Guten Tag, die Rechnung f&uuml;r M&auml;rz ist <b>doppelt</b> gekommen.</p>\r\n"
                        + "--alt--\r\n"
                        + "--outer\r\n"
                        + "Content-Type: application/pdf; name=\"rechnung-maerz.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"rechnung-maerz.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK\r\n"
                        + "--outer--\r\n"));

        Fetched first = connector.fetch(connection(), null);

        assertThat(first.items()).hasSize(1);
        assertThat(first.skipped()).isZero();
        assertThat(first.more()).isFalse();
        InboundItem m1 = first.items().get(0);
        assertThat(m1.kind()).isEqualTo(InboundItem.Kind.EMAIL);
        assertThat(m1.externalId()).isEqualTo("<m1@customer.test>");
        assertThat(m1.parentExternalId()).isNull();
        assertThat(m1.threadRoot()).isEqualTo("<m1@customer.test>");
        assertThat(m1.author().handle()).isEqualTo(CUSTOMER);
        assertThat(m1.author().name()).isEqualTo("Jürgen Kunde");
        assertThat(m1.author().brand()).isNull();
        assertThat(m1.title()).isEqualTo("Frage zur Rechnung für März");
        assertThat(m1.text()).isEqualTo("Guten Tag, die Rechnung für März ist doppelt gekommen. Grüße, Jürgen");
        assertThat(m1.html()).contains("<b>doppelt</b>");
        assertThat(m1.attachments())
                .containsExactly(new InboundItem.Attachment(null, "application/pdf", "rechnung-maerz.pdf"));
        assertThat(m1.raw()).contains("\"Message-ID\"").doesNotContain("JVBERi0");
        assertThat(m1.createdAt()).isEqualTo("2026-11-23T08:15:00Z");

        assertThat(arrivals.accept(account, first.items())).isEqualTo(1);
        assertThat(conversations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConversationKind.EMAIL);
            assertThat(c.author()).isEqualTo("Jürgen Kunde");
        });

        String key = UUID.randomUUID().toString();
        Reply reply = new Reply(
                key,
                m1.externalId(),
                m1.threadRoot(),
                m1.author().handle(),
                m1.title(),
                "Guten Tag Herr Kunde, wir haben die doppelte Rechnung storniert.",
                List.of());
        Delivery delivery = connector.reply(connection(), reply);

        assertThat(delivery.externalId()).isEqualTo("<mandate." + key + "@brand.test>");
        assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = mail.getReceivedMessagesForDomain("customer.test")[0];
        assertThat(received.getMessageID()).isEqualTo(delivery.externalId());
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<m1@customer.test>");
        assertThat(received.getHeader("References", null)).isEqualTo("<m1@customer.test>");
        assertThat(received.getSubject()).isEqualTo("Re: Frage zur Rechnung für März");
        assertThat(received.getFrom()[0].toString()).isEqualTo(BRAND);
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo(CUSTOMER);
        assertThat(((String) received.getContent()).strip())
                .isEqualTo("Guten Tag Herr Kunde, wir haben die doppelte Rechnung storniert.");
        assertThat(connector.findReply(connection(), reply))
                .as("the copy in the Sent folder is found by the reply's key")
                .hasValueSatisfying(found -> assertThat(found.externalId()).isEqualTo(delivery.externalId()));
        assertThatThrownBy(() -> connector.findReply(
                        connection(), new Reply("another-key", m1.externalId(), null, CUSTOMER, null, "x", null)))
                .as("no copy is not proof that nothing went out: a person must look")
                .isInstanceOfSatisfying(
                        ConnectorFailure.class, e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.REJECTED));

        deliver(customerMail(
                "<m2@customer.test>",
                "Mon, 23 Nov 2026 11:40:00 +0100",
                "In-Reply-To: " + delivery.externalId() + "\r\n" + "References: <m1@customer.test>\r\n "
                        + delivery.externalId() + "\r\n",
                plain("Danke, das ging schnell!")));
        Fetched second = connector.fetch(connection(), first.cursor());

        assertThat(second.items()).extracting(InboundItem::externalId).containsExactly("<m2@customer.test>");
        InboundItem m2 = second.items().get(0);
        assertThat(m2.parentExternalId()).isEqualTo(delivery.externalId());
        assertThat(m2.threadRoot()).isEqualTo("<m1@customer.test>");
        assertThat(arrivals.accept(account, second.items())).isEqualTo(1);

        assertThat(conversations())
                .as("the customer's answer to the brand's reply is in the same conversation")
                .singleElement()
                .satisfies(c -> assertThat(c.messageCount()).isEqualTo(2));
        ConversationThread thread =
                inbox.conversation(owner, conversations().get(0).id());
        assertThat(thread.messages())
                .extracting(ThreadMessage::externalId)
                .containsExactly("<m1@customer.test>", "<m2@customer.test>");
        assertThat(thread.messages()).extracting(ThreadMessage::direction).containsOnly(Direction.INBOUND);

        Fetched third = connector.fetch(connection(), second.cursor());
        assertThat(third.items()).as("nothing new after the cursor").isEmpty();
        assertThat(third.cursor()).isEqualTo(second.cursor());

        Fetched again = connector.fetch(connection(), "1:0");
        assertThat(again.items())
                .as("a cursor of another UIDVALIDITY reads the mailbox from its start")
                .hasSize(2);
        assertThat(arrivals.accept(account, again.items()))
                .as("what was read again is dropped by its Message-ID")
                .isZero();
        assertThat(conversations())
                .singleElement()
                .satisfies(c -> assertThat(c.messageCount()).isEqualTo(2));
    }

    @Test
    void answersACustomerThroughMandateItselfInOneConversation(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        // Connected as a user does it (the password checked at the mailbox and kept in the vault), read by the sync
        // runtime, answered in the conversation and sent by the outbox worker.
        createSentFolder();
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership brandOwner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        Map<String, String> values = new HashMap<>(connection().settings());
        values.put("password", BRAND_PASSWORD);
        ChannelAccount mailbox = connections.connect(brandOwner, "email", "Service", values);
        deliver(customerMail("<e2e-1@customer.test>", "", plain("Ist meine Bestellung unterwegs?")));

        assertThat(sync.syncNow(brandOwner, mailbox.id()).stored()).isEqualTo(1);
        ConversationSummary question =
                inbox.conversations(brandOwner, 10, null).conversations().get(0);
        assertThat(question.contextTitle())
                .as("an e-mail thread is titled by its subject")
                .isEqualTo("Frage zur Rechnung für März");

        dev.mandate.publish.OutgoingReply queued =
                replies.write(brandOwner, question.id(), null, "Ja, sie kommt morgen.");
        outbox.runOnce();

        dev.mandate.publish.OutgoingReply sent = replies.get(brandOwner, queued.id());
        assertThat(sent.state()).as(String.valueOf(sent.problem())).isEqualTo(dev.mandate.publish.ReplyState.DELIVERED);
        assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = mail.getReceivedMessagesForDomain("customer.test")[0];
        assertThat(received.getMessageID()).isEqualTo(sent.externalId());
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<e2e-1@customer.test>");
        assertThat(received.getSubject()).isEqualTo("Re: Frage zur Rechnung für März");

        deliver(customerMail(
                "<e2e-2@customer.test>",
                "Mon, 23 Nov 2026 11:40:00 +0100",
                "In-Reply-To: " + sent.externalId() + "\r\nReferences: <e2e-1@customer.test> " + sent.externalId()
                        + "\r\n",
                plain("Danke!")));
        assertThat(sync.syncNow(brandOwner, mailbox.id()).stored()).isEqualTo(1);

        ConversationThread thread = inbox.conversation(brandOwner, question.id());
        assertThat(inbox.conversations(brandOwner, 10, null).conversations()).hasSize(1);
        assertThat(thread.messages())
                .extracting(ThreadMessage::externalId)
                .containsExactly("<e2e-1@customer.test>", sent.externalId(), "<e2e-2@customer.test>");
        assertThat(thread.messages())
                .extracting(ThreadMessage::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND);
        assertThat(output.getAll()).as("no log line holds the credential").doesNotContain(BRAND_PASSWORD);
    }

    @Test
    void skipsAMessageItCannotReadAndStillDeliversTheNextOne() {
        deliver("To: " + BRAND + "\r\nSubject: no sender\r\nMessage-ID: <broken@nowhere.test>\r\n"
                + "MIME-Version: 1.0\r\n" + plain("Who wrote this?"));
        deliver(customerMail(null, "", plain("Meine Mail hat keine Message-ID.")));
        deliver(customerMail("<m3@customer.test>", "", plain("Und diese kommt an.")));

        Fetched fetched = connector.fetch(connection(), null);

        assertThat(fetched.skipped()).isEqualTo(1);
        assertThat(fetched.items())
                .extracting(InboundItem::text)
                .containsExactly("Meine Mail hat keine Message-ID.", "Und diese kommt an.");
        String synthetic = fetched.items().get(0).externalId();
        assertThat(synthetic).endsWith("@mandate.invalid>");
        assertThat(connector.fetch(connection(), null).items().get(0).externalId())
                .as("the id made for a message without one is the same every time it is read")
                .isEqualTo(synthetic);
        assertThat(fetched.cursor()).endsWith(":3");
        assertThat(arrivals.accept(account, fetched.items())).isEqualTo(2);
        assertThat(conversations()).hasSize(2);
    }

    @Test
    void keepsAMailWhoseCharsetIsWronglyDeclared() {
        // Latin-1 bytes declared as UTF-8: the umlauts cannot be decoded, the mail must arrive all the same.
        brandMailbox()
                .deliver(GreenMailUtil.newMimeMessage(customerMail(
                        "<latin@customer.test>",
                        "",
                        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                                + "Gr\u00fc\u00dfe aus M\u00fcnchen\r\n")));

        Fetched fetched = connector.fetch(connection(), null);

        assertThat(fetched.items())
                .singleElement()
                .satisfies(item -> assertThat(item.text()).isEqualTo("Gr??e aus M?nchen"));
        assertThat(arrivals.accept(account, fetched.items())).isEqualTo(1);
    }

    @Test
    void readsALargeInboxPageByPage() {
        EmailConnector paged =
                new EmailConnector(Clock.systemUTC(), LOCAL, Duration.ofSeconds(5), Duration.ofSeconds(10), 2);
        for (int i = 1; i <= 5; i++) {
            deliver(customerMail("<page-" + i + "@customer.test>", "", plain("Nachricht " + i)));
        }
        List<String> read = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        Fetched page;
        do {
            page = paged.fetch(connection(), cursor);
            page.items().forEach(item -> read.add(item.externalId()));
            cursor = page.cursor();
            pages++;
        } while (page.more());

        assertThat(pages).isEqualTo(3);
        assertThat(read)
                .containsExactly(
                        "<page-1@customer.test>",
                        "<page-2@customer.test>",
                        "<page-3@customer.test>",
                        "<page-4@customer.test>",
                        "<page-5@customer.test>");
    }

    @Test
    void recognisesTheBrandsOwnMailAsOutbound() {
        deliver("From: Service Team <service@brand.test>\r\nTo: " + CUSTOMER + "\r\nSubject: Ihre Anfrage\r\n"
                + "Message-ID: <own@brand.test>\r\nMIME-Version: 1.0\r\n" + plain("Wir melden uns."));

        InboundItem own = connector.fetch(connection(), null).items().get(0);

        assertThat(own.author().brand()).isTrue();
        assertThat(arrivals.accept(account, List.of(own))).isEqualTo(1);
        ConversationThread thread =
                inbox.conversation(owner, conversations().get(0).id());
        assertThat(thread.messages()).extracting(ThreadMessage::direction).containsExactly(Direction.OUTBOUND);
    }

    @Test
    void wakesTheSyncWhenNewMailArrivesWhereTheServerOffersIdle() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (dev.mandate.channel.Watchable.Watch watcher =
                connector.watch(connection(), woken::countDown).orElseThrow()) {
            assertThat(watcher.watching()).isTrue();
            Thread.sleep(300); // let the IDLE command reach the server
            deliver(customerMail("<idle@customer.test>", "", plain("Ist jemand da?")));

            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void tellsASendThatWasNotConfirmedAsAnUnknownOutcomeAndARefusalAsRejected() throws Exception {
        EmailConnector impatient = new EmailConnector(
                Clock.systemUTC(), LOCAL, Duration.ofSeconds(2), Duration.ofMillis(800), EmailConnector.PAGE);
        Reply reply = new Reply("outbox-1", "<m1@customer.test>", null, CUSTOMER, "Frage", "Antwort", List.of());

        try (SilentSmtp smtp = new SilentSmtp(null)) {
            assertThatThrownBy(() -> impatient.reply(smtp.connection(), reply))
                    .isInstanceOfSatisfying(
                            ConnectorFailure.class,
                            failure -> assertThat(failure.kind())
                                    .as("the message was handed over and never confirmed: it may have gone out")
                                    .isEqualTo(ConnectorFailure.Kind.UNKNOWN_OUTCOME));
            assertThat(smtp.sawEndOfData()).isTrue();
        }
        try (SilentSmtp smtp = new SilentSmtp("554 5.7.1 Message refused")) {
            assertThatThrownBy(() -> impatient.reply(smtp.connection(), reply))
                    .isInstanceOfSatisfying(
                            ConnectorFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.REJECTED));
        }
        try (SilentSmtp smtp = new SilentSmtp("451 4.3.0 Try again later")) {
            assertThatThrownBy(() -> impatient.reply(smtp.connection(), reply))
                    .isInstanceOfSatisfying(
                            ConnectorFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE));
        }
    }

    /**
     * An SMTP server that takes a whole message and then answers {@code verdict}, or nothing at all (as a server that
     * hangs after the message went out).
     */
    final class SilentSmtp implements AutoCloseable {

        private final java.net.ServerSocket server =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicBoolean endOfData =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;

        SilentSmtp(String verdict) throws java.io.IOException {
            thread = new Thread(() -> serve(verdict));
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(String verdict) {
            try (java.net.Socket socket = server.accept();
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                    var out = new java.io.PrintWriter(socket.getOutputStream(), true)) {
                out.print("220 fake ESMTP\r\n");
                out.flush();
                boolean data = false;
                String line;
                while ((line = in.readLine()) != null) {
                    if (data) {
                        if (line.equals(".")) {
                            endOfData.set(true);
                            if (verdict == null) {
                                Thread.sleep(5_000);
                                return;
                            }
                            out.print(verdict + "\r\n");
                            out.flush();
                            data = false;
                        }
                        continue;
                    }
                    String command = line.toUpperCase(java.util.Locale.ROOT);
                    if (command.startsWith("EHLO")) {
                        out.print("250-fake\r\n250 AUTH PLAIN\r\n");
                    } else if (command.startsWith("AUTH")) {
                        out.print("235 2.7.0 ok\r\n");
                    } else if (command.startsWith("DATA")) {
                        out.print("354 go on\r\n");
                        data = true;
                    } else if (command.startsWith("QUIT")) {
                        out.print("221 bye\r\n");
                        out.flush();
                        return;
                    } else {
                        out.print("250 ok\r\n");
                    }
                    out.flush();
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the test is over
            }
        }

        Connection connection() {
            Map<String, String> settings =
                    new HashMap<>(EmailConnectorTests.this.connection().settings());
            settings.put("smtpPort", Integer.toString(server.getLocalPort()));
            return new Connection(account, settings, Connection.Secret.of(BRAND_PASSWORD));
        }

        boolean sawEndOfData() {
            return endOfData.get();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.interrupt();
        }
    }

    @Test
    void composesRepliesWithOneReAndTheWholeThreadInReferences() {
        assertThat(EmailConnector.subject("Re: RE: Aw: Rechnung")).isEqualTo("Re: Rechnung");
        assertThat(EmailConnector.subject(null)).isEqualTo("Re: your message");
        assertThat(EmailConnector.references(
                        new Reply("k", "<b@x>", "<a@x>", CUSTOMER, "s", "t", List.of("<a@x>", "<b@x>"))))
                .containsExactly("<a@x>", "<b@x>");
        assertThat(EmailConnector.references(new Reply("k", "<b@x>", "<a@x>", CUSTOMER, "s", "t", List.of())))
                .containsExactly("<a@x>", "<b@x>");
        assertThat(EmailConnector.messageId("outbox/42 ü", "brand.test"))
                .matches("<mandate\\.[0-9a-f]{40}@brand\\.test>");
        assertThat(EmailConnector.after("7:12", 7)).isEqualTo(12);
        assertThat(EmailConnector.after("8:12", 7)).isZero();
        assertThat(EmailConnector.after("garbage", 7)).isZero();
    }

    private void createSentFolder() throws Exception {
        Properties properties = new Properties();
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), BRAND, BRAND_PASSWORD);
            Folder sent = store.getFolder("Sent");
            if (!sent.exists()) {
                sent.create(Folder.HOLDS_MESSAGES);
            }
            assertThat(sent.exists()).isTrue();
        }
    }
}
