package dev.mandate.channel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.Arrivals;
import dev.mandate.channel.Capability;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.Connection;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.InboundItem;
import dev.mandate.inbox.ConversationKind;
import dev.mandate.inbox.ConversationSummary;
import dev.mandate.inbox.Inbox;
import dev.mandate.shared.Actor;
import dev.mandate.shared.OutboundAddresses;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The feed channel against feeds served over real HTTP (the JDK's server): matching entries of an RSS and an Atom
 * feed enter the inbox as monitoring items, misses stay out, a broken entry is skipped and counted, and the network's
 * failures are told apart.
 */
@SpringBootTest
class FeedConnectorTests {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0">
              <channel>
                <title>Branchennews</title>
                <link>http://news.example/</link>
                <description>Neues aus der Branche</description>
                <language>de-DE</language>
                <item>
                  <title>Agenturen unter der Lupe</title>
                  <link>/artikel/agenturen</link>
                  <guid isPermaLink="false">news-1</guid>
                  <author>redaktion@news.example (Rita Redakteurin)</author>
                  <pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
                  <description>&lt;p&gt;Die PRÜFUNG der Social-Media-Agentur &amp;amp; ihre Kosten.&lt;/p&gt;</description>
                </item>
                <item>
                  <title>Oktoberfest beginnt</title>
                  <link>http://news.example/artikel/oktoberfest</link>
                  <guid isPermaLink="false">news-2</guid>
                  <pubDate>Mon, 23 Nov 2026 07:00:00 GMT</pubDate>
                  <description>Die Überprüfung der Zelte ist abgeschlossen.</description>
                </item>
                <item>
                </item>
              </channel>
            </rss>
            """;

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Tech Weekly</title>
              <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
              <updated>2026-11-22T18:30:02Z</updated>
              <entry>
                <title>Mandate 1.0 released</title>
                <link href="https://tech.example/mandate-1-0"/>
                <id>tag:tech.example,2026:mandate-1-0</id>
                <updated>2026-11-22T18:30:02Z</updated>
                <author><name>Ada Autorin</name></author>
                <content type="html">&lt;p&gt;The desk that keeps a brand in control of its agency.&lt;/p&gt;</content>
              </entry>
              <entry>
                <title>Kubernetes 2.0 announced</title>
                <link href="https://tech.example/k8s"/>
                <id>tag:tech.example,2026:k8s</id>
                <updated>2026-11-21T10:00:00Z</updated>
                <summary>Nothing about us.</summary>
              </entry>
            </feed>
            """;

    static HttpServer server;
    static String base;

    @Autowired
    FeedConnector connector;

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

    Membership owner;
    ChannelAccount account;

    @BeforeAll
    static void serveFeeds() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/rss", 200, "application/rss+xml; charset=utf-8", Map.of(), RSS);
        serve("/atom", 200, "application/atom+xml", Map.of(), ATOM);
        serve("/busy", 429, "text/plain", Map.of("Retry-After", "120"), "slow down");
        serve("/down", 503, "text/plain", Map.of(), "down for maintenance");
        serve("/entity", 200, "application/rss+xml", Map.of(), """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <rss version="2.0"><channel><title>&secret;</title>
                <item><title>&secret;</title><guid>x</guid></item></channel></rss>
                """);
        serve("/page", 200, "text/html; charset=utf-8", Map.of(), "<!doctype html><html><body>Hallo</body></html>");
        int port = server.getAddress().getPort();
        serve("/moved", 301, "text/plain", Map.of("Location", "/rss"), "");
        serve("/moved-inside", 302, "text/plain", Map.of("Location", "http://localhost:" + port + "/rss"), "");
        serve(
                "/moved-to-metadata",
                307,
                "text/plain",
                Map.of("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
                "");
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(String path, int status, String type, Map<String, String> headers, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    @BeforeEach
    void connectAFeed() {
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        account = channels.connect(team.id(), Actor.SYSTEM, "feed", "Branchennews", List.of());
    }

    Connection feed(String path, String keywords) {
        return new Connection(account, Map.of("url", base + path, "keywords", keywords), null);
    }

    List<ConversationSummary> conversations() {
        return inbox.conversations(owner, 100, null).conversations();
    }

    @Test
    void listensWithoutCredentials() {
        assertThat(connector.network()).isEqualTo("feed");
        assertThat(connector.capabilities()).containsExactlyInAnyOrder(Capability.FETCH, Capability.MONITOR);
        assertThat(connector.fields()).noneMatch(f -> f.secret());
        assertThat(connector.verify(feed("/rss", "Prüfung")).displayName()).isEqualTo("Branchennews");
    }

    @Test
    void bringsMatchingRssEntriesIntoTheInboxAsMonitoringItems() {
        Fetched fetched = connector.fetch(feed("/rss", "Mandate, prüfung"), null);

        assertThat(fetched.skipped()).as("the entry without id, link or title").isEqualTo(1);
        assertThat(fetched.more()).isFalse();
        assertThat(fetched.items()).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(InboundItem.Kind.MONITORING);
            assertThat(item.externalId()).isEqualTo("news-1");
            assertThat(item.title()).isEqualTo("Agenturen unter der Lupe");
            assertThat(item.text()).isEqualTo("Die PRÜFUNG der Social-Media-Agentur & ihre Kosten.");
            assertThat(item.url()).isEqualTo("http://news.example/artikel/agenturen");
            assertThat(item.language()).isEqualTo("de");
            assertThat(item.author().name()).isEqualTo("redaktion@news.example (Rita Redakteurin)");
            assertThat(item.createdAt()).isEqualTo("2026-11-23T08:00:00Z");
        });
        assertThat(fetched.cursor())
                .as("the newest entry seen, matching or not")
                .isEqualTo("2026-11-23T08:00:00Z");

        assertThat(arrivals.accept(account, fetched.items())).isEqualTo(1);
        assertThat(conversations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConversationKind.MONITORING);
            assertThat(c.network()).isEqualTo("feed");
            assertThat(c.waitingSince())
                    .as("a monitoring hit waits for nobody's answer")
                    .isNull();
        });

        assertThat(connector
                        .fetch(feed("/rss", "Mandate, prüfung"), fetched.cursor())
                        .items())
                .as("nothing newer than the cursor")
                .isEmpty();
        assertThat(arrivals.accept(
                        account,
                        connector.fetch(feed("/rss", "Mandate, prüfung"), null).items()))
                .as("read again from the start, the entry is dropped by its id")
                .isZero();
        assertThat(conversations()).hasSize(1);
    }

    @Test
    void matchesKeywordsWhereAWordStartsInAnyCaseAndUnicodeForm() {
        Keywords keywords = Keywords.parse(" Prüfung , mandate,,");

        assertThat(keywords.words()).containsExactly("Prüfung", "mandate");
        assertThat(keywords.match("Die PRÜFUNG beginnt")).isTrue();
        assertThat(keywords.match("Prüfungsangst")).isTrue();
        assertThat(keywords.match("Die Pru\u0308fung (decomposed)")).isTrue();
        assertThat(keywords.match("Überprüfung")).isFalse();
        assertThat(keywords.match("The Mandate desk")).isTrue();
        assertThat(keywords.match(null, "nothing here")).isFalse();
        assertThat(Keywords.parse("").match("anything")).isTrue();
    }

    @Test
    void bringsMatchingAtomEntriesWithTheirAuthor() {
        Fetched fetched = connector.fetch(feed("/atom", "mandate"), null);

        assertThat(fetched.skipped()).isZero();
        assertThat(fetched.items()).singleElement().satisfies(item -> {
            assertThat(item.externalId()).isEqualTo("tag:tech.example,2026:mandate-1-0");
            assertThat(item.url()).isEqualTo("https://tech.example/mandate-1-0");
            assertThat(item.author().name()).isEqualTo("Ada Autorin");
            assertThat(item.text()).isEqualTo("The desk that keeps a brand in control of its agency.");
            assertThat(item.html()).contains("<p>");
        });
        assertThat(arrivals.accept(account, fetched.items())).isEqualTo(1);
        assertThat(conversations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConversationKind.MONITORING);
            assertThat(c.author()).isEqualTo("Ada Autorin");
        });
    }

    @Test
    void bringsEveryEntryWhenNoKeywordIsGiven() {
        assertThat(connector.fetch(feed("/atom", ""), null).items()).hasSize(2);
    }

    @Test
    void tellsTheNetworksFailuresApart() {
        assertThatThrownBy(() -> connector.fetch(feed("/busy", ""), null))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
        assertThatThrownBy(() -> connector.fetch(feed("/down", ""), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> connector.verify(feed("/page", "")))
                .isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(failure.getMessage()).contains("does not serve an RSS or Atom feed", "text/html");
                });
        assertThatThrownBy(() -> connector.fetch(feed("/entity", ""), null))
                .as("a feed with a document type (external entities) is refused, nothing is read from disk")
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
        assertThatThrownBy(() -> connector.verify(feed("/nothing-here", "")))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
        assertThatThrownBy(() -> connector.verify(new Connection(account, Map.of("url", "ftp://news.example/"), null)))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
    }

    @Test
    void tellsAnUnreachableFeedAsUnavailableWhenFetchingAndAsASettingWhenConnecting() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Connection unreachable = new Connection(account, Map.of("url", "http://127.0.0.1:" + closed + "/feed"), null);

        assertThatThrownBy(() -> connector.fetch(unreachable, null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> connector.verify(unreachable))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
    }

    @Test
    void refusesFeedsInsideItsOwnNetworkWhenConnectingAndWhenReading() {
        FeedConnector guarded = new FeedConnector(
                Clock.systemUTC(), new OutboundAddresses(false), Duration.ofSeconds(2), Duration.ofSeconds(2));
        int port = server.getAddress().getPort();
        for (String url : List.of(
                base + "/rss",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:" + port + "/rss",
                "http://10.0.0.1/feed",
                "http://localhost:" + port + "/rss")) {
            Connection inside = new Connection(account, Map.of("url", url), null);
            assertThatThrownBy(() -> guarded.verify(inside))
                    .as(url)
                    .satisfies(FeedConnectorTests::addressRefused)
                    .hasMessageContaining("is an internal address");
            assertThatThrownBy(() -> guarded.fetch(inside, null))
                    .as(url)
                    .satisfies(FeedConnectorTests::addressRefused)
                    .hasMessageContaining("is an internal address");
        }
    }

    @Test
    void refusesARedirectFromAPublicFeedIntoItsOwnNetwork() {
        // The stub's address counts as public here, as a public feed's would; where it redirects to is checked.
        FeedConnector guarded = new FeedConnector(
                Clock.systemUTC(),
                new OutboundAddresses(
                        false,
                        host -> host.equals("127.0.0.1")
                                ? new InetAddress[] {InetAddress.getByName("203.0.113.7")}
                                : InetAddress.getAllByName(host)),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));

        assertThat(guarded.verify(feed("/moved", "")).displayName())
                .as("a redirect within public addresses is followed")
                .isEqualTo("Branchennews");
        assertThatThrownBy(() -> guarded.fetch(feed("/moved-inside", ""), null))
                .satisfies(FeedConnectorTests::addressRefused)
                .hasMessageContaining("redirects to localhost");
        assertThatThrownBy(() -> guarded.verify(feed("/moved-to-metadata", "")))
                .satisfies(FeedConnectorTests::addressRefused)
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void refusesCredentialsInTheFeedAddressWithoutRepeatingThem() {
        Connection withPassword =
                new Connection(account, Map.of("url", base.replace("//", "//reader:hunter2@") + "/rss"), null);
        assertThatThrownBy(() -> connector.fetch(withPassword, null))
                .satisfies(FeedConnectorTests::addressRefused)
                .hasMessageContaining("user name or password")
                .hasMessageNotContaining("hunter2");
    }

    static void addressRefused(Throwable thrown) {
        assertThat(thrown).isInstanceOfSatisfying(ConnectorFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
            assertThat(failure.addressRefused()).isTrue();
            assertThat(failure.field()).isEqualTo("url");
        });
    }

    @Test
    void readsTheRetryAfterHeaderInSecondsOrAsADate() {
        assertThat(FeedConnector.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(FeedConnector.retryAfter(null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(FeedConnector.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ofSeconds(1));
    }
}
