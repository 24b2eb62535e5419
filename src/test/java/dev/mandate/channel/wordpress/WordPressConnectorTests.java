package dev.mandate.channel.wordpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.HtmlText;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.Moderation;
import dev.mandate.channel.Reply;
import dev.mandate.shared.WorkspaceId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The WordPress connector against a stub of the REST API: paging, the cursor, failures and their kinds. */
class WordPressConnectorTests {

    static final ChannelAccount ACCOUNT = new ChannelAccount(
            new ChannelAccountId(UUID.randomUUID()),
            new WorkspaceId(UUID.randomUUID()),
            "wordpress",
            "Blog",
            List.of(),
            Instant.now());

    StubWordPress site;
    WordPressConnector connector = new WordPressConnector(
            new dev.mandate.shared.OutboundAddresses(true), Duration.ofSeconds(2), Duration.ofMillis(800));

    @BeforeEach
    void start() throws IOException {
        site = new StubWordPress();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    Connection connection() {
        return connection(site.url(), StubWordPress.PASSWORD);
    }

    static Connection connection(String url, String password) {
        return new Connection(ACCOUNT, Map.of("url", url, "user", StubWordPress.USER), Connection.Secret.of(password));
    }

    /** Fetches from {@code cursor} while there is more, as the sync runtime does; returns every page. */
    List<Fetched> sync(String cursor) {
        List<Fetched> pages = new ArrayList<>();
        Fetched page;
        do {
            page = connector.fetch(connection(), cursor);
            pages.add(page);
            cursor = page.cursor();
        } while (page.more() && pages.size() < 50);
        return pages;
    }

    static List<String> commentIds(List<Fetched> pages) {
        return pages.stream()
                .flatMap(p -> p.items().stream())
                .filter(i -> i.kind() != InboundItem.Kind.POST)
                .map(InboundItem::externalId)
                .toList();
    }

    @Test
    void verifiesTheSiteAndNamesTheBrand() {
        Connector.Verified verified = connector.verify(connection());

        assertThat(verified.displayName()).isEqualTo("Jürg");
        assertThat(verified.brandHandles()).containsExactly("juerg@example.com");
        assertThat(site.requests).anyMatch(r -> r.startsWith("GET /wp-json/wp/v2/users/me?context=edit"));
    }

    @Test
    void refusesAWrongApplicationPasswordAsCredentials() {
        assertThatThrownBy(() -> connector.verify(connection(site.url(), "wrong password here")))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS);
                    assertThat(e.getMessage()).contains("401").doesNotContain("wrong password");
                });
    }

    @Test
    void saysWhenTheAddressHasNoRestApi() {
        site.restApi = false;

        assertThatThrownBy(() -> connector.verify(connection())).isInstanceOfSatisfying(ConnectorFailure.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
            assertThat(e.getMessage()).startsWith("No WordPress REST API at " + site.url() + "/wp-json/");
        });
    }

    @Test
    void saysWhenNothingAnswersAtTheAddress() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThatThrownBy(() -> connector.verify(connection("http://127.0.0.1:" + port, "x")))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("connection refused");
                });
        assertThatThrownBy(() -> connector.verify(connection("http://no-such-host.invalid", "x")))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("no host named no-such-host.invalid");
                });
        assertThatThrownBy(() -> connector.verify(connection("ftp://blog.example", "x")))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
    }

    @Test
    void refusesASiteInsideItsOwnNetworkBeforeAnyRequest() {
        WordPressConnector guarded = new WordPressConnector(
                new dev.mandate.shared.OutboundAddresses(false), Duration.ofSeconds(2), Duration.ofMillis(800));
        for (String url :
                List.of(site.url(), "http://169.254.169.254", "http://[::1]:8080", "http://192.168.1.20/blog")) {
            for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call :
                    List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                            () -> guarded.verify(connection(url, StubWordPress.PASSWORD)),
                            () -> guarded.fetch(connection(url, StubWordPress.PASSWORD), null))) {
                assertThatThrownBy(call).as(url).isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(e.addressRefused()).isTrue();
                    assertThat(e.field()).isEqualTo("url");
                    assertThat(e.getMessage()).contains("is an internal address");
                });
            }
        }
        assertThat(site.requests).as("the stub on 127.0.0.1 was never asked").isEmpty();
    }

    @Test
    void readsHeldAndSpamCommentsPageByPageWithTheirPosts() {
        long first = site.comment(7, 0, "Heiner", "Heiner@Example.org", 0, "approved", "<p>Gut &amp; schön</p>\n");
        site.comment(7, first, "Jürg", "juerg@example.com", StubWordPress.BRAND_ID, "approved", "<p>Danke</p>\n");
        for (int i = 0; i < 230; i++) {
            site.comment(
                    8 + i % 2,
                    0,
                    "Visitor " + i,
                    "v" + i + "@example.org",
                    0,
                    i % 3 == 0 ? "hold" : "approved",
                    "<p>Hi " + i + "</p>");
        }
        long spam = site.comment(7, 0, "ghdhair", "ghd@example.net", 0, "spam", "<p>Buy GHD</p>");
        long ping = site.comment(9, 0, "Jürg's adwyse", "", 0, "approved", "<p>Pingback: Man kann</p>");
        site.comments.get(site.comments.size() - 1).put("type", "pingback");

        List<Fetched> pages = sync(null);

        assertThat(pages).hasSize(4); // 233 comments in three pages of the approved and held ones, then the spam
        assertThat(commentIds(pages).stream().distinct()).hasSize(234).contains(Long.toString(spam));
        assertThat(commentIds(pages))
                .as("each page after the first starts a few comments back, never more")
                .hasSizeLessThanOrEqualTo(234 + 2 * WordPressConnector.OVERLAP);
        InboundItem pingback = pages.stream()
                .flatMap(p -> p.items().stream())
                .filter(i -> i.externalId().equals(Long.toString(ping)))
                .findFirst()
                .orElseThrow();
        assertThat(pingback.kind()).isEqualTo(InboundItem.Kind.PINGBACK);
        assertThat(pingback.author().handle()).isEqualTo("Jürg's adwyse");
        assertThat(pages.get(pages.size() - 1).more()).isFalse();
        assertThat(site.requests)
                .filteredOn(r -> r.startsWith("GET /wp-json/wp/v2/comments?"))
                .allMatch(r -> r.contains("context=edit") && r.contains("orderby=id") && r.contains("per_page=100"))
                .anyMatch(r -> r.contains("status=all"))
                .anyMatch(r -> r.contains("status=spam"));

        List<InboundItem> firstPage = pages.get(0).items();
        assertThat(firstPage)
                .filteredOn(i -> i.kind() == InboundItem.Kind.POST)
                .extracting(InboundItem::externalId)
                .containsExactlyInAnyOrder("post-7", "post-8", "post-9");
        InboundItem post = firstPage.get(0);
        assertThat(post.title()).isEqualTo("Post 7 – on outsourcing");
        assertThat(post.text()).isEqualTo("About post 7…");
        InboundItem heiner = firstPage.stream()
                .filter(i -> i.externalId().equals(Long.toString(first)))
                .findFirst()
                .orElseThrow();
        assertThat(heiner.parentExternalId()).isNull();
        assertThat(heiner.threadRoot()).isEqualTo("post-7");
        assertThat(heiner.author()).isEqualTo(new InboundItem.Author("heiner@example.org", "Heiner", null));
        assertThat(heiner.text()).isEqualTo("Gut & schön");
        assertThat(heiner.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        InboundItem answer = firstPage.stream()
                .filter(i -> i.externalId().equals(Long.toString(first + 1)))
                .findFirst()
                .orElseThrow();
        assertThat(answer.parentExternalId()).isEqualTo(Long.toString(first));
        assertThat(answer.author().brand()).isTrue();
    }

    @Test
    void doesNotTakeAVisitorWithTheBrandsAddressForTheBrand() {
        long impostor = site.comment(7, 0, "Jürg", "juerg@example.com", 0, "approved", "<p>Alles gratis!</p>");
        long brand = site.comment(
                7, impostor, "Jürg", "juerg@example.com", StubWordPress.BRAND_ID, "approved", "<p>Nein.</p>");

        List<InboundItem> items = connector.fetch(connection(), null).items();

        InboundItem fake = items.stream()
                .filter(i -> i.externalId().equals(Long.toString(impostor)))
                .findFirst()
                .orElseThrow();
        assertThat(fake.author()).isEqualTo(new InboundItem.Author("Jürg", "Jürg", null));
        InboundItem real = items.stream()
                .filter(i -> i.externalId().equals(Long.toString(brand)))
                .findFirst()
                .orElseThrow();
        assertThat(real.author()).isEqualTo(new InboundItem.Author("juerg@example.com", "Jürg", true));
    }

    @Test
    void resumesFromTheStoredCursorWithoutMissingAComment() {
        for (int i = 0; i < 120; i++) {
            site.comment(7, 0, "V" + i, "v" + i + "@example.org", 0, "approved", "<p>c" + i + "</p>");
        }
        List<Fetched> pages = sync(null);
        String cursor = pages.get(pages.size() - 1).cursor();

        assertThat(commentIds(sync(cursor)))
                .as("nothing new: at most the overlap comes again")
                .hasSizeLessThanOrEqualTo(WordPressConnector.OVERLAP);

        long later = site.comment(7, 0, "Late", "late@example.org", 0, "hold", "<p>new</p>");
        long spam = site.comment(7, 0, "Spam", "s@example.org", 0, "spam", "<p>spam</p>");
        assertThat(commentIds(sync(cursor))).contains(Long.toString(later), Long.toString(spam));

        // Deleting comments that were read shifts every offset: the connector steps back instead of skipping.
        site.comments.removeIf(c -> c.path("id").asLong() <= 60);
        long afterDeletion = site.comment(7, 0, "After", "after@example.org", 0, "approved", "<p>after</p>");
        assertThat(commentIds(sync(cursor))).contains(Long.toString(later), Long.toString(afterDeletion));
    }

    @Test
    void skipsAMalformedCommentAndKeepsTheRest() {
        site.comment(7, 0, "A", "a@example.org", 0, "approved", "<p>first</p>");
        ObjectNode broken = JsonMapper.builder().build().createObjectNode();
        broken.put("post", 7);
        broken.put("date_gmt", "yesterday");
        broken.putObject("content").put("rendered", "<p>secret-free</p>");
        long bad = site.malformed(broken);
        long good = site.comment(7, 0, "B", "b@example.org", 0, "approved", "<p>later</p>");

        Fetched page = connector.fetch(connection(), null);

        assertThat(page.skipped()).isEqualTo(1);
        assertThat(page.items()).extracting(InboundItem::externalId).doesNotContain(Long.toString(bad));
        assertThat(page.items()).extracting(InboundItem::externalId).contains(Long.toString(good));
    }

    @Test
    void tellsRateLimitsOverloadAndMissingCommentsApart() {
        site.failNext(StubWordPress.path("GET", "/wp-json/wp/v2/comments"), 429, Map.of("Retry-After", "7"), "");
        assertThatThrownBy(() -> connector.fetch(connection(), null))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });

        site.failNext(
                StubWordPress.path("GET", "/wp-json/wp/v2/comments"), 503, Map.of(), "<h1>Service Unavailable</h1>");
        assertThatThrownBy(() -> connector.fetch(connection(), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class, e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE));

        assertThatThrownBy(() -> connector.moderate(connection(), "999", Moderation.SPAM))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class, e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.REJECTED));

        site.failNext(
                StubWordPress.path("GET", "/wp-json/wp/v2/comments"),
                403,
                Map.of(),
                "{\"code\":\"rest_forbidden_context\",\"message\":\"Sorry, you are not allowed to edit comments.\"}");
        assertThatThrownBy(() -> connector.fetch(connection(), null))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS);
                    assertThat(e.getMessage()).contains("not allowed to edit comments");
                });
    }

    @Test
    void takesRetryAfterAsADateAndAPageThatIsNotJsonAsAnOutage() {
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
        site.failNext(StubWordPress.path("GET", "/wp-json/wp/v2/comments"), 429, Map.of("Retry-After", inAMinute), "");
        assertThatThrownBy(() -> connector.fetch(connection(), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));

        site.failNext(
                StubWordPress.path("GET", "/wp-json/wp/v2/comments"),
                200,
                Map.of(),
                "<br /><b>Warning</b>: Undefined variable in functions.php<br />[{\"id\":1}]");
        assertThatThrownBy(() -> connector.fetch(connection(), null))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class, e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE));
    }

    @Test
    void startsOverFromACursorItCannotRead() {
        long only = site.comment(7, 0, "A", "a@example.org", 0, "approved", "<p>a</p>");

        Fetched page = connector.fetch(connection(), "something from another connector");

        assertThat(page.items()).extracting(InboundItem::externalId).contains(Long.toString(only));
        assertThat(CommentCursor.parse(page.cursor()).all()).isEqualTo(new CommentCursor.Position(only, 1));
    }

    @Test
    void repliesUnderTheCommentAndFindsTheReplyAgain() {
        long question = site.comment(7, 0, "Olaf", "olaf@example.org", 0, "approved", "<p>Wie?</p>");
        Reply reply = new Reply(
                "3f1c2a7e-0000-4000-8000-000000000001",
                Long.toString(question),
                "7",
                null,
                null,
                "So & so <b>",
                List.of());

        Delivery delivery = connector.reply(connection(), reply);

        String sent = site.bodies.get(site.bodies.size() - 1);
        assertThat(sent)
                .contains(
                        "\"post\":7",
                        "\"parent\":" + question,
                        "So &amp; so &lt;b&gt;",
                        "<!-- mandate-reply:" + reply.key() + " -->");
        assertThat(connector.findReply(connection(), reply))
                .map(Delivery::externalId)
                .contains(delivery.externalId());
        Reply other = new Reply("another", Long.toString(question), "7", null, null, "Something else", List.of());
        assertThat(connector.findReply(connection(), other)).isEqualTo(Optional.empty());
    }

    @Test
    void reportsAnUnknownOutcomeWhenTheReplyTimesOut() {
        long question = site.comment(7, 0, "Olaf", "olaf@example.org", 0, "approved", "<p>Wie?</p>");
        site.delayNext(StubWordPress.path("POST", "/wp-json/wp/v2/comments"), 1500);
        Reply reply = new Reply("k-1", Long.toString(question), "7", null, null, "Antwort", List.of());

        assertThatThrownBy(() -> connector.reply(connection(), reply))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.UNKNOWN_OUTCOME));
    }

    @Test
    void moderatesByStatusAndTrashesWithoutForce() {
        long comment = site.comment(7, 0, "ghd", "ghd@example.net", 0, "hold", "<p>ad</p>");

        connector.moderate(connection(), Long.toString(comment), Moderation.SPAM);
        assertThat(site.bodies.get(site.bodies.size() - 1)).isEqualTo("{\"status\":\"spam\"}");
        connector.moderate(connection(), Long.toString(comment), Moderation.APPROVE);
        assertThat(site.comments.get(0).path("status").asString()).isEqualTo("approved");
        connector.moderate(connection(), Long.toString(comment), Moderation.TRASH);

        assertThat(site.requests.get(site.requests.size() - 1)).isEqualTo("DELETE /wp-json/wp/v2/comments/" + comment);
        assertThat(site.comments.get(0).path("status").asString()).isEqualTo("trash");
    }

    @Test
    void turnsWordPressHtmlIntoText() {
        assertThat(
                        HtmlText.plain(
                                "<p>Lieber J&#252;rg<br />\nDu irrst: &#8222;Wir&#8220; &amp; ihr.</p>\n<p>Gru&szlig; <a href=\"https://adwyse.ch\">adwyse</a></p>\n<!-- mandate-reply:k -->"))
                .isEqualTo("Lieber Jürg\nDu irrst: „Wir“ & ihr.\n\nGruß adwyse");
        assertThat(HtmlText.links("<a href=\"https://adwyse.ch\">x</a> <a href='mailto:x@y'>m</a>"))
                .containsExactly("https://adwyse.ch");
    }
}
