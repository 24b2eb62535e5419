package dev.mandate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.Quarantine;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.Actor;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The two real seed threads, posted to the ingest endpoint in random order, in random batches and twice over,
 * come out as exactly one conversation per top-level comment with every reply in its place.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SeedThreadIngestTests {

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
    Inbox inbox;

    @Autowired
    Quarantine quarantine;

    @RepeatedTest(5)
    void threadsBothSeedThreadsWhateverTheOrderAndHowOftenTheyArrive() throws Exception {
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership owner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        String token = tokens.rotate(owner);
        List<SeedThreads.Thread> threads = SeedThreads.read();
        Map<String, ChannelAccount> accountOf = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (SeedThreads.Thread thread : threads) {
            ChannelAccount account =
                    channels.connect(team.id(), Actor.SYSTEM, thread.channel(), thread.id(), List.of());
            accountOf.put(thread.id(), account);
            for (Map<String, Object> item : thread.items()) {
                Map<String, Object> sent = new LinkedHashMap<>(item);
                sent.put("account", account.id().toString());
                items.add(sent);
            }
        }
        List<Map<String, Object>> deliveries = new ArrayList<>(items);
        deliveries.addAll(items);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Collections.shuffle(deliveries, random);
        for (int from = 0; from < deliveries.size(); ) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(4));
            mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                            .header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(SeedThreads.json(deliveries.subList(from, to))))
                    .andReturn();
            from = to;
        }

        Map<String, ConversationThread> byFirst = conversationsByFirstMessage(owner);
        assertThat(byFirst.keySet())
                .as(
                        "one conversation per top-level comment: Heiner's, Olaf's, the pingback; and the spam comment"
                                + " (deliveries shuffled with seed %d)",
                        seed)
                .containsExactlyInAnyOrder("wordpress:c1", "wordpress:c3", "wordpress:p1", "blogger:c1");

        ConversationThread heiner = byFirst.get("wordpress:c1");
        assertThat(heiner.messages()).extracting(ThreadMessage::externalId).containsExactly("c1", "c2");
        assertThat(heiner.messages())
                .extracting(ThreadMessage::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND);
        assertThat(heiner.contextTitle()).isEqualTo(threads.get(1).postTitle());

        ConversationThread olaf = byFirst.get("wordpress:c3");
        assertThat(olaf.messages()).extracting(ThreadMessage::externalId).containsExactly("c3", "c4", "c5");
        assertThat(olaf.messages()).extracting(ThreadMessage::depth).containsExactly(0, 1, 2);
        assertThat(olaf.messages())
                .extracting(ThreadMessage::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND);
        assertThat(olaf.messages().get(2).parentId())
                .isEqualTo(olaf.messages().get(1).id());

        assertThat(byFirst.get("wordpress:p1").messages()).hasSize(1);
        ConversationThread spam = byFirst.get("blogger:c1");
        assertThat(spam.messages()).hasSize(1);
        assertThat(spam.contextTitle()).isEqualTo(threads.get(0).postTitle());

        assertThat(contactsOf(team)).containsExactlyInAnyOrder("ghdhair", "heiner", "olaf", "jürg's adwyse");
        assertThat(storedMessages(team))
                .as("each message once, however often it arrived")
                .isEqualTo(threads.stream()
                        .mapToInt(thread -> thread.source().get("comments").size())
                        .sum());
    }

    private Map<String, ConversationThread> conversationsByFirstMessage(Membership owner) {
        Map<String, ConversationThread> byFirst = new HashMap<>();
        for (var summary : inbox.conversations(owner, 100, null).conversations()) {
            ConversationThread thread = inbox.conversation(owner, summary.id());
            byFirst.put(thread.network() + ":" + thread.messages().get(0).externalId(), thread);
        }
        // The advert is held back in the quarantine when its post arrived first (and so could tell it off-topic).
        for (var held : quarantine.messages(owner)) {
            if (held.conversationQuarantined()) {
                ConversationThread thread = inbox.conversation(owner, held.conversation());
                byFirst.put(thread.network() + ":" + thread.messages().get(0).externalId(), thread);
            }
        }
        return byFirst;
    }

    private static Set<String> contactsOf(WorkspaceFixtures.Team team) throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query =
                        connection.prepareStatement("select handle from contact.identity where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            Set<String> handles = new java.util.HashSet<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    handles.add(rs.getString(1));
                }
            }
            try (PreparedStatement count =
                    connection.prepareStatement("select count(*) from contact.contact where workspace_id = ?")) {
                count.setObject(1, team.id().value());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("one contact per author").isEqualTo(handles.size());
                }
            }
            return handles;
        }
    }

    private static int storedMessages(WorkspaceFixtures.Team team) throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from inbox.message where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
