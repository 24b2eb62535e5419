package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mandate.account.AccountDirectory;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A mailbox watched with IMAP IDLE (GreenMail, in-process) wakes the sync: a mail reaches the inbox within seconds
 * without anyone syncing, and a paused account is not watched. The scheduler runs here (it is off in other tests),
 * but polls only once an hour, so only the watches' sync requests make it run.
 */
@SpringBootTest(properties = {"mandate.channel.sync.enabled=true", "mandate.channel.sync.poll-interval=1h"})
class WatchesTests {

    static final String MAILBOX = "watched@brand.test";
    static final String PASSWORD = "watched-mailbox-secret";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, PASSWORD));

    @Autowired
    Watches watches;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.mandate.vault.Vault vault;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    TestStubConnector stubConnector;

    ChannelFixtures fixtures;
    ChannelAccount account;

    @BeforeEach
    void connectAWatchedMailbox() {
        fixtures = new ChannelFixtures(workspaces, directory, access, connections, jdbc);
        account = connections.connect(
                fixtures.owner,
                "email",
                "Watched mailbox",
                Map.of(
                        "imapHost",
                        "127.0.0.1",
                        "imapPort",
                        Integer.toString(mail.getImap().getPort()),
                        "imapSecurity",
                        "none",
                        "user",
                        MAILBOX,
                        "password",
                        PASSWORD,
                        "smtpHost",
                        "127.0.0.1",
                        "smtpPort",
                        Integer.toString(mail.getSmtp().getPort()),
                        "smtpSecurity",
                        "none",
                        "from",
                        MAILBOX));
        // The new watch asks for a first sync; once that ran, the mailbox is read up to now.
        eventually(
                "the account is watched and synced once",
                () -> watches.watching(account.id())
                        && accounts.health(fixtures.workspace(), account.id()).lastSuccessAt() != null);
    }

    @AfterEach
    void removeTheMailbox() {
        connections.remove(fixtures.owner, account.id());
        eventually("the watch is closed", () -> !watches.watching(account.id()));
    }

    @Test
    void bringsNewMailIntoTheInboxWithoutWaitingForThePoll() throws Exception {
        Thread.sleep(300); // let the IDLE command reach the server
        deliver("<watched-1@customer.test>", "Ist jemand da?");

        eventually("the mail is in the inbox", () -> fixtures.messages(account) == 1);
    }

    @Test
    void closesTheWatchOfAPausedAccountAndOpensItAgainOnResume() throws Exception {
        connections.pause(fixtures.owner, account.id());
        eventually("the watch is closed", () -> !watches.watching(account.id()));

        deliver("<watched-2@customer.test>", "Hallo?");
        Thread.sleep(1_000);
        assertThat(fixtures.messages(account))
                .as("nobody watches a paused account")
                .isZero();

        connections.resume(fixtures.owner, account.id());
        eventually("the resumed account is watched again", () -> watches.watching(account.id()));
        eventually("what arrived while paused is in the inbox", () -> fixtures.messages(account) == 1);
    }

    @Test
    void startsADroppedWatchAgainAfterABackoffAndLeavesARefusedCredentialAlone() {
        StubNetwork.Site site = StubNetwork.get().site("brand", "pw-watch");
        ChannelAccount watched = fixtures.connect(site, java.time.Instant.now());
        WatchableStub stub = new WatchableStub(stubConnector);
        stub.currentUrl = site.url();
        MutableClock clock = new MutableClock(java.time.Instant.now());
        Watches supervised = new Watches(
                new Connectors(java.util.List.of(stub)),
                vault,
                jdbc,
                events,
                new ChannelProperties(
                        new ChannelProperties.Sync(
                                true,
                                Duration.ofHours(1),
                                1,
                                Duration.ofMinutes(5),
                                Duration.ofMinutes(5),
                                "",
                                Duration.ofMinutes(5),
                                20,
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(30)),
                        true),
                clock);
        supervised.start();
        try {
            supervised.check();
            assertThat(supervised.watching(watched.id())).isTrue();
            assertThat(stub.secrets).as("the credential came from the vault").containsExactly("pw-watch");

            stub.current.dropped = true;
            supervised.check();
            assertThat(supervised.watching(watched.id())).isFalse();
            clock.advance(Duration.ofSeconds(20));
            supervised.check();
            assertThat(stub.secrets).as("not started again within the backoff").hasSize(1);
            clock.advance(Duration.ofSeconds(11));
            supervised.check();
            assertThat(supervised.watching(watched.id())).isTrue();
            assertThat(stub.secrets).hasSize(2);

            stub.refuse = true;
            stub.current.dropped = true;
            supervised.check();
            clock.advance(Duration.ofSeconds(31));
            supervised.check();
            assertThat(stub.secrets).hasSize(3);
            clock.advance(Duration.ofHours(2));
            supervised.check();
            assertThat(supervised.watching(watched.id())).isFalse();
            assertThat(stub.secrets)
                    .as("a refused credential is not tried again")
                    .hasSize(3);

            stub.refuse = false;
            connections.replaceCredential(fixtures.owner, watched.id(), "pw-watch");
            supervised.on(new ChannelEvents.AccountChanged(
                    fixtures.workspace(),
                    fixtures.owner.actor(),
                    watched,
                    ChannelEvents.AccountChanged.Change.CREDENTIAL_REPLACED));
            supervised.check();
            assertThat(supervised.watching(watched.id()))
                    .as("a replaced credential is tried at once")
                    .isTrue();

            WatchableStub.Watch last = stub.current;
            fixtures.pauseAll();
            supervised.check();
            assertThat(last.closed)
                    .as("an account paused elsewhere (no event here) is no longer watched")
                    .isTrue();
        } finally {
            supervised.stop();
        }
        assertThat(stub.current.closed).isTrue();
    }

    /** The test network's connector with a watch that the test drops or refuses by hand. */
    static final class WatchableStub implements Connector, Watchable {

        private final Connector delegate;
        final java.util.List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean refuse;
        volatile Watch current;

        WatchableStub(Connector delegate) {
            this.delegate = delegate;
        }

        @Override
        public String network() {
            return delegate.network();
        }

        @Override
        public java.util.Set<Capability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public java.util.List<SettingField> fields() {
            return delegate.fields();
        }

        @Override
        public Verified verify(Connection connection) {
            return delegate.verify(connection);
        }

        @Override
        public Fetched fetch(Connection connection, String cursor) {
            return delegate.fetch(connection, cursor);
        }

        @Override
        public java.util.Optional<Watchable.Watch> watch(Connection connection, Runnable wake) {
            if (!connection.settings().get("url").equals(currentUrl)) {
                return java.util.Optional.empty(); // another test's account
            }
            secrets.add(connection.secret().reveal());
            if (refuse) {
                throw ConnectorFailure.credentials("The site refused the password.");
            }
            current = new Watch();
            return java.util.Optional.of(current);
        }

        volatile String currentUrl;

        static final class Watch implements Watchable.Watch {
            volatile boolean dropped;
            volatile boolean closed;

            @Override
            public boolean watching() {
                return !dropped && !closed;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    void deliver(String messageId, String text) {
        mail.getUserManager()
                .getUser(MAILBOX)
                .deliver(GreenMailUtil.newMimeMessage("From: Kunde <kunde@customer.test>\r\nTo: " + MAILBOX
                        + "\r\nSubject: Frage\r\nDate: Mon, 23 Nov 2026 09:15:00 +0100\r\nMessage-ID: " + messageId
                        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n"));
    }

    static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within 10 seconds: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
