package dev.mandate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.inbox.ConversationSummary;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.MessageHistory;
import dev.mandate.inbox.MessageReceived;
import dev.mandate.inbox.Quarantine;
import dev.mandate.inbox.QuarantinedMessage;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every inbound message is classified inside the ingest flow before it is recorded: the seed threads come out as
 * their hand labels say (the hair-straightener advert held back, none of the long critical German comments), the
 * classification is stored with the message and travels in {@link MessageReceived}, history signals stay within
 * their workspace, and no text, however odd, breaks a batch.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class ClassifiedIngestTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    IngestTokens tokens;

    @Autowired
    Ingest ingest;

    @Autowired
    Inbox inbox;

    @Autowired
    Quarantine quarantine;

    @Autowired
    ApplicationEvents events;

    WorkspaceFixtures.Team team;
    Membership owner;

    @BeforeEach
    void aBrand() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
    }

    @Test
    void holdsBackTheHairStraightenerAdvertAndNoneOfTheGermanComments() throws Exception {
        String token = tokens.rotate(owner);
        Map<String, ChannelAccount> accountOf = new LinkedHashMap<>();
        for (SeedThreads.Thread thread : SeedThreads.read()) {
            ChannelAccount account =
                    channels.connect(team.id(), Actor.SYSTEM, thread.channel(), thread.id(), List.of());
            accountOf.put(thread.id(), account);
            List<Map<String, Object>> items = new ArrayList<>();
            for (Map<String, Object> item : thread.items()) {
                Map<String, Object> sent = new LinkedHashMap<>(item);
                sent.put("account", account.id().toString());
                items.add(sent);
            }
            // as a connector delivers them: the post, then its comments
            mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                            .header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(SeedThreads.json(items)))
                    .andExpect(status().is2xxSuccessful());
        }

        List<QuarantinedMessage> held = quarantine.messages(owner);
        assertThat(held).singleElement().satisfies(advert -> {
            assertThat(advert.authorHandle()).isEqualTo("ghdhair");
            assertThat(advert.spamScore()).isGreaterThanOrEqualTo(0.5);
            assertThat(advert.reasons()).contains("signal:off-topic");
            assertThat(advert.conversationQuarantined()).isTrue();
        });
        assertThat(inbox.conversations(owner, 100, null).conversations())
                .as("the advert's conversation is in no list")
                .extracting(ConversationSummary::network)
                .containsOnly("wordpress")
                .hasSize(3);
        assertThat(inbox.conversations(owner, 100, null).conversations())
                .as("no German comment flagged")
                .allSatisfy(c -> assertThat(c.tags()).isEmpty());

        List<Map<String, Object>> german = stored(accountOf.get("wordpress-social-media-management-outsourcen"));
        assertThat(german).hasSize(6);
        assertThat(german)
                .filteredOn(m -> m.get("direction").equals("INBOUND"))
                .hasSize(4)
                .allSatisfy(m -> {
                    assertThat(m.get("spam_verdict"))
                            .as("%s", m.get("external_id"))
                            .isEqualTo("NOT_SPAM");
                    assertThat(m.get("quarantined_at")).isNull();
                    assertThat(m.get("classification")).isNotNull();
                    assertThat(m.get("intent")).isNotNull();
                    assertThat(m.get("sentiment")).isNotNull();
                });
        assertThat(german)
                .filteredOn(m -> m.get("external_id").equals("c1"))
                .singleElement()
                .satisfies(m -> assertThat(m.get("detected_language")).isEqualTo("de"));
        assertThat(german)
                .filteredOn(m -> m.get("direction").equals("OUTBOUND"))
                .as("the brand's own messages are not classified")
                .allSatisfy(m -> assertThat(m.get("classification")).isNull());

        assertThat(events.stream(MessageReceived.class)
                        .filter(e -> e.workspaceId().equals(team.id())))
                .hasSize(7)
                .allSatisfy(e -> assertThat(e.classification() != null).isEqualTo(e.direction() == Direction.INBOUND));
    }

    @Test
    void neverBreaksABatchOverOddText() {
        ChannelAccount account = channels.connect(team.id(), Actor.SYSTEM, "blog", "Blog", List.of("brand"));
        Instant at = Instant.now().minusSeconds(60);
        String megabyte = "spam ".repeat(220_000);
        IngestReport report = ingest.accept(
                team.id(),
                List.of(
                        comment(account, "emoji", "🙂🙂🙂🔥🔥", at),
                        comment(account, "japanese", "このパンはとても美味しいです。また買います！", at),
                        comment(account, "long", "Das ist ein sehr langer Kommentar über Brot. ".repeat(400), at),
                        comment(account, "blank-ish", ".", at),
                        comment(account, "huge", megabyte, at)));

        assertThat(report.stored()).isEqualTo(4);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(4);
            assertThat(r.field()).isEqualTo("text");
        });
        assertThat(stored(account))
                .hasSize(4)
                .allSatisfy(m -> assertThat(m.get("classification")).isNotNull());
        assertThat(stored(account))
                .filteredOn(m -> m.get("external_id").equals("emoji"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.get("detected_language"))
                            .as("too little to tell")
                            .isNull();
                    assertThat(m.get("text_hash"))
                            .as("too short to count as repeated")
                            .isNull();
                });
    }

    @Test
    void countsRepeatedTextAndAuthorsWithinTheWorkspaceOnly() {
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        ChannelAccount ours = channels.connect(team.id(), Actor.SYSTEM, "blog", "Blog", List.of("brand"));
        ChannelAccount theirs = channels.connect(other.id(), Actor.SYSTEM, "blog", "Blog", List.of("brand"));
        String text = "Best prices for followers and likes, visit our shop today and save big!";
        Instant at = Instant.now().minusSeconds(60);
        ingest.accept(team.id(), List.of(comment(ours, "a", text, at), comment(ours, "b", text + " ", at)));
        ingest.accept(other.id(), List.of(comment(theirs, "a", text, at)));

        Long hash = RepeatedText.hash(text);
        assertThat(RepeatedText.hash("  BEST prices for followers, and likes!! Visit our shop today and save big"))
                .as("the same text with other spacing, case and punctuation")
                .isEqualTo(hash);
        assertThat(history(team.id(), hash).texts()).containsEntry(hash, 2);
        assertThat(history(other.id(), hash).texts()).containsEntry(hash, 1);
        WorkspaceFixtures.Team third = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        assertThat(history(third.id(), hash).texts()).isEmpty();
        assertThat(stored(theirs))
                .singleElement()
                .satisfies(m -> assertThat(m.get("text_hash")).isEqualTo(hash));
    }

    @Test
    void readsALinkBackToItsPostAsNoLinkOutWhetherThePostCameWithTheCommentOrBefore() {
        ChannelAccount account = channels.connect(team.id(), Actor.SYSTEM, "youtube", "Videos", List.of("brand"));
        Instant at = Instant.now().minusSeconds(60);
        InboundItem video = item(
                account,
                "video-1",
                null,
                InboundItem.Kind.POST,
                null,
                "Party Rock Anthem",
                "https://www.youtube.com/watch?v=KQ6zr6kCPj8",
                at.minusSeconds(3600));
        String moment = "2:19 best part http://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s";
        String elsewhere = "2:19 best part http://www.youtube.com/watch?v=zzTopVideo1&t=2m19s";

        ingest.accept(team.id(), List.of(video, under(account, "with-post", moment, at)));
        ingest.accept(
                team.id(),
                List.of(under(account, "after-post", moment, at), under(account, "elsewhere", elsewhere, at)));
        // a reply that repeats the link of the comment it answers is read with that link: only the post's count
        InboundItem reply = item(account, "reply", "video-1", InboundItem.Kind.COMMENT, elsewhere, null, null, at);
        ingest.accept(
                team.id(),
                List.of(new InboundItem(
                        reply.account(),
                        null,
                        reply.externalId(),
                        "elsewhere",
                        reply.threadRoot(),
                        reply.kind(),
                        reply.author(),
                        reply.text(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        at,
                        null)));

        assertThat(stored(account))
                .filteredOn(m -> m.get("external_id").toString().endsWith("-post"))
                .hasSize(2)
                .allSatisfy(m -> assertThat((String) m.get("classification")).contains("signal:links-to-context"));
        assertThat(stored(account))
                .filteredOn(m -> m.get("external_id").equals("elsewhere")
                        || m.get("external_id").equals("reply"))
                .hasSize(2)
                .allSatisfy(
                        m -> assertThat((String) m.get("classification")).doesNotContain("signal:links-to-context"));
    }

    private static InboundItem under(ChannelAccount account, String id, String text, Instant at) {
        return item(account, id, "video-1", InboundItem.Kind.COMMENT, text, null, null, at);
    }

    private MessageHistory history(WorkspaceId workspace, Long hash) {
        return inbox.history(workspace, List.of(), List.of(hash));
    }

    private static InboundItem comment(ChannelAccount account, String id, String text, Instant at) {
        return item(account, id, null, InboundItem.Kind.COMMENT, text, null, null, at);
    }

    private static InboundItem item(
            ChannelAccount account,
            String id,
            String post,
            InboundItem.Kind kind,
            String text,
            String title,
            String url,
            Instant at) {
        boolean brand = kind == InboundItem.Kind.POST;
        return new InboundItem(
                account.id().toString(),
                null,
                id,
                null,
                post,
                kind,
                new InboundItem.Author(brand ? "brand" : "author-" + id, brand ? "Brand" : "Author " + id, brand),
                text,
                null,
                title,
                url,
                null,
                null,
                null,
                at,
                null);
    }

    private static List<Map<String, Object>> stored(ChannelAccount account) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement("""
                        select external_id, direction, spam_verdict, quarantined_at, classification::text, intent,
                               sentiment, detected_language, text_hash
                          from inbox.message where channel_account_id = ? order by external_id
                        """)) {
            query.setObject(1, account.id().value());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
