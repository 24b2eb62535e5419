package dev.mandate.channel.wordpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.Arrivals;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.Moderation;
import dev.mandate.channel.Reply;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.Actor;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WordPress connector against a real WordPress (Debian's package, PHP's built-in server, MariaDB): the two seed
 * threads are written into the blog as a brand and its visitors would, synced page by page into the inbox exactly as
 * the sync runtime does it, answered from Mandate and moderated. Skipped, saying why, where WordPress, PHP or MariaDB
 * are not installed; {@code .ci/run} installs them.
 */
@SpringBootTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
// by name: the seed threads first, since that test counts everything on the site
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class WordPressConnectorIT {

    static final Path SEED = Path.of("..", "shared", "fixtures", "seed-threads.json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    static WordPressSite site;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    Arrivals arrivals;

    @Autowired
    Inbox inbox;

    @Autowired
    dev.mandate.inbox.Quarantine quarantine;

    @Autowired
    dev.mandate.inbox.NetworkModerationWorker moderation;

    @Autowired
    List<Connector> connectors;

    @Autowired
    dev.mandate.channel.ChannelConnections connections;

    @Autowired
    dev.mandate.channel.ChannelSync sync;

    @Autowired
    dev.mandate.publish.Replies replies;

    @Autowired
    dev.mandate.publish.OutboxWorker outbox;

    /** Small pages, so that paging and the cursor's offsets are exercised on the real API. */
    WordPressConnector connector = new WordPressConnector(
            new dev.mandate.shared.OutboundAddresses(true), Duration.ofSeconds(5), Duration.ofSeconds(30), 3);

    /** Seed ids ({@code thread/external_id}) to WordPress's ids, and the posts. */
    Map<String, Long> ids = new HashMap<>();

    Map<String, Long> posts = new HashMap<>();

    @BeforeAll
    static void startWordPress() throws Exception {
        String missing = WordPressSite.missing()
                .or(() -> Files.isRegularFile(SEED) ? java.util.Optional.empty() : java.util.Optional.of("no " + SEED))
                .orElse(null);
        if (missing != null) {
            // Said where a developer sees it: JUnit counts a class skipped in @BeforeAll as no test at all.
            System.out.println("Skipping the WordPress integration test: " + missing + ".");
        }
        assumeTrue(missing == null, () -> "Skipping the WordPress integration test: " + missing + ".");
        long started = System.nanoTime();
        site = WordPressSite.start();
        System.out.printf("WordPress set up at %s in %d ms%n", site.url(), (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopWordPress() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void bringsTheSeedThreadsFromWordPressIntoTheInboxAndAnswersThereFromMandate() throws Exception {
        assertThat(connectors).anyMatch(c -> c.network().equals("wordpress"));
        JsonNode seed = JSON.readTree(Files.readString(SEED));
        writeIntoWordPress(seed);

        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership owner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        Connection unsaved = connection(null, site.url(), site.password());
        Connector.Verified verified = connector.verify(unsaved);
        assertThat(verified.displayName()).isEqualTo("Jürg");
        assertThat(verified.brandHandles()).containsExactly("juerg@adwyse.example");
        ChannelAccount account =
                channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Jürg's blog", verified.brandHandles());
        Connection connection = connection(account, site.url(), site.password());

        Sync first = sync(account, connection, null);
        assertThat(first.pages())
                .as("seven comments in pages of three, the spam list after them")
                .isGreaterThan(2);
        assertThat(first.stored()).isEqualTo(7);
        assertThat(first.skipped()).isZero();

        Map<String, ConversationThread> byFirst = conversationsByFirstMessage(owner);
        assertThat(byFirst.keySet())
                .as("one conversation per top-level comment: Heiner's, Olaf's, the pingback; and the spam comment")
                .containsExactlyInAnyOrder(
                        id("wordpress-social-media-management-outsourcen/c1"),
                        id("wordpress-social-media-management-outsourcen/c3"),
                        id("wordpress-social-media-management-outsourcen/p1"),
                        id("blogger-outsourcing-and-social-media/c1"));
        String germanTitle = seed.get("threads").get(1).get("post").get("title").asString();
        ConversationThread heiner = byFirst.get(id("wordpress-social-media-management-outsourcen/c1"));
        assertThat(heiner.messages())
                .extracting(ThreadMessage::externalId)
                .containsExactly(
                        id("wordpress-social-media-management-outsourcen/c1"),
                        id("wordpress-social-media-management-outsourcen/c2"));
        assertThat(heiner.messages())
                .extracting(ThreadMessage::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND);
        assertThat(heiner.contextTitle()).isEqualTo(germanTitle);
        assertThat(heiner.contextUrl()).startsWith(site.url() + "/2011/03/");
        assertThat(heiner.messages().get(0).body()).startsWith("Leider wird das Social Media Management");

        ConversationThread olaf = byFirst.get(id("wordpress-social-media-management-outsourcen/c3"));
        assertThat(olaf.messages())
                .extracting(ThreadMessage::externalId)
                .containsExactly(
                        id("wordpress-social-media-management-outsourcen/c3"),
                        id("wordpress-social-media-management-outsourcen/c4"),
                        id("wordpress-social-media-management-outsourcen/c5"));
        assertThat(olaf.messages()).extracting(ThreadMessage::depth).containsExactly(0, 1, 2);
        assertThat(olaf.messages())
                .extracting(ThreadMessage::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND);
        assertThat(olaf.messages().get(2).parentId())
                .isEqualTo(olaf.messages().get(1).id());

        assertThat(byFirst.get(id("wordpress-social-media-management-outsourcen/p1"))
                        .messages())
                .hasSize(1);
        ConversationThread spam = byFirst.get(id("blogger-outsourcing-and-social-media/c1"));
        assertThat(spam.messages()).hasSize(1);
        assertThat(spam.contextTitle())
                .isEqualTo(seed.get("threads").get(0).get("post").get("title").asString());

        assertThat(contactsOf(team))
                .containsExactlyInAnyOrder(
                        "ghdhair@example.net", "heiner@example.org", "olaf@example.org", "jürg's adwyse");
        assertThat(storedMessages(team)).isEqualTo(7);

        Sync again = sync(account, connection, first.cursor());
        assertThat(again.stored()).as("nothing new since the stored cursor").isZero();
        assertThat(storedMessages(team)).as("and nothing twice").isEqualTo(7);

        // A reply from Mandate under Olaf's second comment: on the post's page under it, and in the inbox.
        long olafsLast = ids.get("wordpress-social-media-management-outsourcen/c5");
        long germanPost = posts.get("wordpress-social-media-management-outsourcen");
        Reply reply = new Reply(
                UUID.randomUUID().toString(),
                Long.toString(olafsLast),
                "post-" + germanPost,
                null,
                null,
                "Lieber Olaf\n\nGenau: die Schnittstelle muss definiert sein. Danke & bis bald!",
                List.of());
        Delivery delivery = connector.reply(connection, reply);
        JsonNode written = site.rest("GET", "wp/v2/comments/" + delivery.externalId() + "?context=edit", null);
        assertThat(written.path("parent").asLong()).isEqualTo(olafsLast);
        assertThat(written.path("post").asLong()).isEqualTo(germanPost);
        assertThat(written.path("author").asLong()).isEqualTo(site.userId());
        assertThat(written.path("status").asString()).isEqualTo("approved");
        assertThat(written.path("content").path("raw").asString())
                .contains("<!-- mandate-reply:" + reply.key() + " -->");
        assertThat(connector.findReply(connection, reply))
                .map(Delivery::externalId)
                .contains(delivery.externalId());
        assertThat(connector.reply(connection, reply).externalId())
                .as("sent again after an unknown outcome, WordPress refuses the duplicate and the first is returned")
                .isEqualTo(delivery.externalId());

        String html = site.page(
                site.rest("GET", "wp/v2/posts/" + germanPost, null).path("link").asString());
        int parentAt = html.indexOf("<li id=\"comment-" + olafsLast + "\"");
        int replyAt = html.indexOf("<li id=\"comment-" + delivery.externalId() + "\"");
        assertThat(parentAt).as("Olaf's comment on the page").isPositive();
        assertThat(replyAt).as("the reply on the page, after Olaf's comment").isGreaterThan(parentAt);
        assertThat(html.substring(replyAt, html.indexOf('>', replyAt))).contains("depth-4");
        assertThat(html.substring(replyAt)).contains("Genau: die Schnittstelle muss definiert sein.");

        Sync afterReply = sync(account, connection, again.cursor());
        assertThat(afterReply.stored()).isEqualTo(1);
        ConversationThread answered =
                conversationsByFirstMessage(owner).get(id("wordpress-social-media-management-outsourcen/c3"));
        ThreadMessage fromMandate = answered.messages().get(3);
        assertThat(fromMandate.externalId()).isEqualTo(delivery.externalId());
        assertThat(fromMandate.depth()).isEqualTo(3);
        assertThat(fromMandate.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(fromMandate.body()).isEqualTo(reply.text());

        // Moderation: the held advert becomes spam; the pingback is held and approved again.
        String advert = Long.toString(ids.get("blogger-outsourcing-and-social-media/c1"));
        assertThat(status(advert)).isEqualTo("hold");
        connector.moderate(connection, advert, Moderation.SPAM);
        assertThat(status(advert)).isEqualTo("spam");
        connector.moderate(connection, advert, Moderation.SPAM);
        assertThat(status(advert))
                .as("marking it again changes nothing and does not fail")
                .isEqualTo("spam");
        String pingback = Long.toString(ids.get("wordpress-social-media-management-outsourcen/p1"));
        connector.moderate(connection, pingback, Moderation.HOLD);
        assertThat(status(pingback)).isEqualTo("hold");
        connector.moderate(connection, pingback, Moderation.APPROVE);
        assertThat(status(pingback)).isEqualTo("approved");
        connector.moderate(connection, advert, Moderation.TRASH);
        assertThat(status(advert)).isEqualTo("trash");
        assertThat(sync(account, connection, afterReply.cursor()).stored())
                .as("moderation moves comments between lists without losing or repeating any")
                .isZero();
        assertThatThrownBy(() -> connector.moderate(connection, "999999", Moderation.SPAM))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class, e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.REJECTED));
    }

    @Test
    void connectsSyncsAndRepliesThroughMandateItself(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        // The whole way as a user goes it: the owner connects the site (checked at WordPress, the application
        // password into the vault), the sync runtime reads it, a reply is written in the conversation and the outbox
        // worker puts it on the page.
        long post = site.post(
                "Neue Öffnungszeiten",
                "Ab Montag öffnen wir um sieben.",
                Instant.now().minusSeconds(3600));
        long question = site.visitorComment(post, 0, "Hanna", "hanna@example.org", "Auch samstags um sieben?");
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership owner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        Membership agent =
                new Membership(team.workspace(), team.agent().account().id(), "Aga Agent", Role.AGENT);

        ChannelAccount account = connections.connect(
                owner,
                "wordpress",
                "Bäckerei-Blog",
                Map.of(
                        "url",
                        site.url(),
                        "user",
                        WordPressSite.USER,
                        "password",
                        site.password().reveal()));
        dev.mandate.channel.SyncResult synced = sync.syncNow(owner, account.id());
        assertThat(synced.failure()).isNull();
        assertThat(synced.stored()).isGreaterThanOrEqualTo(1);

        ConversationThread hanna = conversationsByFirstMessage(owner).get(Long.toString(question));
        assertThat(hanna).as("Hanna's question is a conversation").isNotNull();
        assertThat(hanna.contextTitle()).isEqualTo("Neue Öffnungszeiten");

        dev.mandate.publish.OutgoingReply queued =
                replies.write(agent, hanna.id(), null, "Ja, auch samstags ab sieben Uhr.");
        outbox.runOnce();

        dev.mandate.publish.OutgoingReply sent = replies.get(agent, queued.id());
        assertThat(sent.state()).as(String.valueOf(sent.problem())).isEqualTo(dev.mandate.publish.ReplyState.DELIVERED);
        JsonNode written = site.rest("GET", "wp/v2/comments/" + sent.externalId() + "?context=edit", null);
        assertThat(written.path("parent").asLong()).isEqualTo(question);
        assertThat(written.path("post").asLong()).isEqualTo(post);
        String html = site.page(
                site.rest("GET", "wp/v2/posts/" + post, null).path("link").asString());
        assertThat(html.indexOf("<li id=\"comment-" + sent.externalId() + "\""))
                .as("the reply on the page, under Hanna's question")
                .isGreaterThan(html.indexOf("<li id=\"comment-" + question + "\""));
        assertThat(html).contains("Ja, auch samstags ab sieben Uhr.");

        assertThat(sync.syncNow(owner, account.id()).stored())
                .as("the next sync finds the reply already in the thread")
                .isZero();
        ConversationThread answered = inbox.conversation(owner, hanna.id());
        assertThat(answered.messages())
                .extracting(ThreadMessage::externalId)
                .containsExactly(Long.toString(question), sent.externalId());
        assertThat(answered.messages().get(1).direction()).isEqualTo(Direction.OUTBOUND);
        String trail = auditDetails(team);
        assertThat(trail).doesNotContain(site.password().reveal());
        assertThat(output.getAll())
                .as("no log line holds the credential")
                .doesNotContain(site.password().reveal());
    }

    @Test
    void quarantinesASpamCommentMarksItSpamAtWordPressAndRestoresIt() throws Exception {
        // A site connected as a user connects it, so Mandate may moderate there; the advert arrives under an
        // article about outsourcing, is held back and marked as spam at WordPress without anyone acting, and a
        // restore from the quarantine approves it there again.
        JsonNode blogger = JSON.readTree(Files.readString(SEED)).get("threads").get(0);
        long post = site.post(
                "Outsourcing (again)",
                blogger.get("post").get("text").asString(),
                Instant.now().minusSeconds(7200));
        long advert = site.visitorComment(
                post,
                0,
                "ghdhair",
                "straighteners@example.net",
                blogger.get("comments").get(0).get("text").asString());
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership owner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        ChannelAccount account = connections.connect(
                owner,
                "wordpress",
                "Jürg's blog",
                Map.of(
                        "url",
                        site.url(),
                        "user",
                        WordPressSite.USER,
                        "password",
                        site.password().reveal()));
        assertThat(sync.syncNow(owner, account.id()).failure()).isNull();

        var held = quarantine.messages(owner).stream()
                .filter(m -> m.body()
                        .startsWith(blogger.get("comments")
                                .get(0)
                                .get("text")
                                .asString()
                                .substring(0, 40)))
                .filter(m -> m.conversation() != null
                        && inbox.conversation(owner, m.conversation())
                                .messages()
                                .get(0)
                                .externalId()
                                .equals(Long.toString(advert)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the advert is not in the quarantine"));
        assertThat(held.reasons()).contains("signal:off-topic");

        moderation.runOnce();
        assertThat(status(Long.toString(advert)))
                .as("marked as spam at WordPress")
                .isEqualTo("spam");

        quarantine.restore(owner, held.id());
        moderation.runOnce();
        assertThat(status(Long.toString(advert)))
                .as("approved at WordPress again")
                .isEqualTo("approved");
        assertThat(auditActions(team))
                .contains(
                        "message.quarantined",
                        "message.hidden-at-network",
                        "message.restored",
                        "message.restored-at-network");
        assertThat(auditDetails(team))
                .contains("signal:off-topic")
                .doesNotContain(site.password().reveal());
    }

    @Test
    void refusesAWrongApplicationPasswordAndAnAddressWithoutTheRestApi() throws IOException {
        assertThatThrownBy(() -> connector.verify(
                        connection(null, site.url(), Connection.Secret.of("abcd EFGH ijkl MNOP qrst UVWX"))))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS);
                    assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("abcd");
                });
        assertThatThrownBy(() -> connector.verify(connection(null, site.url() + "/wp-includes", site.password())))
                .isInstanceOfSatisfying(ConnectorFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(e.getMessage())
                            .startsWith("No WordPress REST API at " + site.url() + "/wp-includes/wp-json/");
                });
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        assertThatThrownBy(() -> connector.verify(connection(null, "http://127.0.0.1:" + closed, site.password())))
                .isInstanceOfSatisfying(
                        ConnectorFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION));
    }

    /** Posts as the brand, visitors' comments through the comment form, the brand's replies as its user. */
    private void writeIntoWordPress(JsonNode seed) throws IOException, InterruptedException {
        for (JsonNode thread : seed.get("threads")) {
            String threadId = thread.get("id").asString();
            JsonNode post = thread.get("post");
            long postId = site.post(
                    post.get("title").asString(),
                    post.get("text").asString(),
                    Instant.parse(post.get("published_at").asString()));
            posts.put(threadId, postId);
            for (JsonNode comment : thread.get("comments")) {
                String author = comment.get("author").asString();
                JsonNode parentNode = comment.get("parent");
                long parent =
                        parentNode == null || parentNode.isNull() ? 0 : ids.get(threadId + "/" + parentNode.asString());
                String text = comment.get("text").asString();
                long id;
                if (comment.has("kind") && comment.get("kind").asString().equals("pingback")) {
                    id = site.pingback(postId, author, "https://www.adwyse.ch/man-kann-social-media-outsourcen/", text);
                } else if (comment.path("author_is_brand").asBoolean(false)) {
                    id = site.brandComment(postId, parent, text);
                } else {
                    String email = author.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")
                            + (author.equals("ghdhair") ? "@example.net" : "@example.org");
                    id = site.visitorComment(postId, parent, author, email, text);
                }
                ids.put(threadId + "/" + comment.get("external_id").asString(), id);
            }
        }
        for (Map.Entry<String, Long> comment : ids.entrySet()) {
            assertThat(status(Long.toString(comment.getValue())))
                    .as("WordPress's verdict on " + comment.getKey())
                    .isEqualTo(comment.getKey().startsWith("blogger") ? "hold" : "approved");
        }
    }

    /** What one sync did. */
    record Sync(int pages, int stored, int skipped, String cursor) {}

    /** Fetches from {@code cursor} while there is more, handing each page to ingest, as the sync runtime does. */
    private Sync sync(ChannelAccount account, Connection connection, String cursor) {
        int pages = 0;
        int stored = 0;
        int skipped = 0;
        Fetched fetched;
        do {
            fetched = connector.fetch(connection, cursor);
            stored += arrivals.accept(account, fetched.items());
            skipped += fetched.skipped();
            cursor = fetched.cursor();
            pages++;
        } while (fetched.more() && pages < 100);
        assertThat(fetched.more()).as("the sync ends").isFalse();
        return new Sync(pages, stored, skipped, cursor);
    }

    private String id(String seedId) {
        return Long.toString(ids.get(seedId));
    }

    private String status(String comment) throws IOException, InterruptedException {
        return site.rest("GET", "wp/v2/comments/" + comment + "?context=edit", null)
                .path("status")
                .asString();
    }

    private static Connection connection(ChannelAccount account, String url, Connection.Secret secret) {
        ChannelAccount target = account != null
                ? account
                : new ChannelAccount(
                        new dev.mandate.channel.ChannelAccountId(UUID.randomUUID()),
                        new dev.mandate.shared.WorkspaceId(UUID.randomUUID()),
                        "wordpress",
                        "not yet connected",
                        List.of(),
                        Instant.now());
        return new Connection(target, Map.of("url", url, "user", WordPressSite.USER), secret);
    }

    private Map<String, ConversationThread> conversationsByFirstMessage(Membership owner) {
        Map<String, ConversationThread> byFirst = new HashMap<>();
        for (var summary : inbox.conversations(owner, 100, null).conversations()) {
            ConversationThread thread = inbox.conversation(owner, summary.id());
            byFirst.put(thread.messages().get(0).externalId(), thread);
        }
        // and those held back in the quarantine (the advert, judged against the post it sits under)
        for (var held : quarantine.messages(owner)) {
            if (held.conversationQuarantined()) {
                ConversationThread thread = inbox.conversation(owner, held.conversation());
                byFirst.put(thread.messages().get(0).externalId(), thread);
            }
        }
        return byFirst;
    }

    private static Set<String> contactsOf(WorkspaceFixtures.Team team) throws Exception {
        try (java.sql.Connection db = TestDatabase.get().connect();
                PreparedStatement query =
                        db.prepareStatement("select handle from contact.identity where workspace_id = ?");
                PreparedStatement count =
                        db.prepareStatement("select count(*) from contact.contact where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            Set<String> handles = new HashSet<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    handles.add(rs.getString(1));
                }
            }
            count.setObject(1, team.id().value());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one contact per author").isEqualTo(handles.size());
            }
            return handles;
        }
    }

    private static int storedMessages(WorkspaceFixtures.Team team) throws Exception {
        try (java.sql.Connection db = TestDatabase.get().connect();
                PreparedStatement query =
                        db.prepareStatement("select count(*) from inbox.message where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String auditActions(WorkspaceFixtures.Team team) throws java.sql.SQLException {
        try (java.sql.Connection db = TestDatabase.get().connect();
                java.sql.PreparedStatement query = db.prepareStatement(
                        "select coalesce(string_agg(action, ' '), '') from audit.entry where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            try (java.sql.ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String auditDetails(WorkspaceFixtures.Team team) throws java.sql.SQLException {
        try (java.sql.Connection db = TestDatabase.get().connect();
                java.sql.PreparedStatement query = db.prepareStatement(
                        "select coalesce(string_agg(details::text, ' '), '') from audit.entry where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            try (java.sql.ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
