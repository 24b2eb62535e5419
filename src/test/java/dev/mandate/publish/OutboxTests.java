package dev.mandate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.ingest.Ingest;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Replies going out through the outbox to a network over HTTP: sent once, recorded as the brand's message, delayed
 * by rate limits, reconciled after an unknown outcome, and never delivered twice, also when the worker dies between
 * the network taking a reply and the worker recording it.
 */
@SpringBootTest(
        properties = {"mandate.publish.enabled=false", "mandate.publish.lease=1s", "mandate.publish.reconcile-after=0s"
        })
@AutoConfigureMockMvc
class OutboxTests {

    @Autowired
    Replies replies;

    @Autowired
    OutboxWorker worker;

    @Autowired
    Inbox inbox;

    @Autowired
    Ingest ingest;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MockMvc mvc;

    StubNetwork network;
    WorkspaceFixtures.Team team;
    Membership owner;
    Membership agent;
    ChannelAccount account;
    ConversationId conversation;

    @BeforeEach
    void aQuestionOnTheStubNetwork() throws Exception {
        network = new StubNetwork();
        StubConnector.network = network.uri();
        StubConnector.dieAfterSend = false;
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        agent = new Membership(team.workspace(), team.agent().account().id(), "Aga Agent", Role.AGENT);
        account = channels.connect(team.id(), Actor.SYSTEM, "replystub", "Stub blog", List.of("brand"));
        Instant at = Instant.now().minusSeconds(600);
        ingest.accept(
                team.id(),
                List.of(
                        item("post-1", null, InboundItem.Kind.POST, "brand", "Our new spelt loaf", at),
                        item(
                                "c-1",
                                "post-1",
                                InboundItem.Kind.COMMENT,
                                "priya",
                                "Is it <b>vegan</b>?",
                                at.plusSeconds(60))));
        conversation =
                inbox.conversations(owner, 10, null).conversations().get(0).id();
    }

    @AfterEach
    void stop() throws Exception {
        network.close();
        // The worker takes every workspace's due replies: leave none of this test's for the next one.
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement done = connection.prepareStatement(
                        "update publish.outbox set state = 'FAILED', problem = 'test over', leased_by = null,"
                                + " leased_until = null where workspace_id = ? and state <> 'DELIVERED'")) {
            done.setObject(1, team.id().value());
            done.executeUpdate();
        }
    }

    @Test
    void sendsAReplyOnceAndShowsItAsTheBrandsMessageInTheThread() {
        OutgoingReply queued = replies.write(agent, conversation, null, "Yes, it is vegan.");

        assertThat(queued.state()).isEqualTo(ReplyState.QUEUED);
        assertThat(worker.runOnce()).isEqualTo(1);

        OutgoingReply sent = replies.get(agent, queued.id());
        assertThat(sent.state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(sent.externalId()).isEqualTo("r-1");
        assertThat(network.stored(queued.id().toString())).isEqualTo(1);
        ConversationThread thread = inbox.conversation(owner, conversation);
        assertThat(thread.messages())
                .extracting(ThreadMessage::body)
                .containsExactly("Is it <b>vegan</b>?", "Yes, it is vegan.");
        ThreadMessage answer = thread.messages().get(1);
        assertThat(answer.outbound()).isTrue();
        assertThat(answer.depth()).isEqualTo(1);
        assertThat(answer.externalId()).isEqualTo(sent.externalId());
        assertThat(thread.state()).isEqualTo(ConversationState.WAITING);
        assertThat(auditActions()).contains("reply.queued", "reply.delivered");

        assertThat(worker.runOnce()).as("nothing is left to send").isZero();
        assertThat(network.posts()).isEqualTo(1);
    }

    @Test
    void neverDeliversTwiceWhenTheWorkerDiesBetweenSendAndRecord() throws Exception {
        OutgoingReply queued = replies.write(owner, conversation, null, "We bake it without butter.");
        StubConnector.dieAfterSend = true;

        assertThatThrownBy(() -> worker.runOnce()).isInstanceOf(StubConnector.WorkerKilled.class);

        assertThat(network.stored(queued.id().toString()))
                .as("the network took it")
                .isEqualTo(1);
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.SENDING);
        assertThat(worker.runOnce()).as("its lease still runs").isZero();

        Thread.sleep(1_100); // the dead worker's lease runs out
        worker.runOnce();

        OutgoingReply reconciled = replies.get(owner, queued.id());
        assertThat(reconciled.state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString()))
                .as("found, not sent again")
                .isEqualTo(1);
        assertThat(network.posts()).isEqualTo(1);
        assertThat(inbox.conversation(owner, conversation).messages())
                .filteredOn(ThreadMessage::outbound)
                .hasSize(1);
    }

    @Test
    void readsTheNetworkAfterATimeoutInsteadOfSendingAgain() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");
        network.next(StubNetwork.Trouble.STORED_BUT_SLOW);

        worker.runOnce();
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.UNKNOWN);

        worker.runOnce();
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString())).isEqualTo(1);
        assertThat(network.posts()).isEqualTo(1);
    }

    @Test
    void keepsAReplyUnknownWhileTheNetworkCannotBeAskedInsteadOfSendingItAgain() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");
        network.next(StubNetwork.Trouble.STORED_BUT_SLOW);
        worker.runOnce(); // times out: unknown
        network.nextLookup(StubNetwork.Trouble.DOWN);

        worker.runOnce(); // the look-up fails: still unknown, not queued
        OutgoingReply waiting = replies.get(owner, queued.id());
        assertThat(waiting.state()).isEqualTo(ReplyState.UNKNOWN);
        assertThat(network.posts()).isEqualTo(1);

        sql(
                "update publish.outbox set next_attempt_at = now() where id = ?",
                queued.id().value());
        worker.runOnce(); // the network answers again: found, recorded
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString())).isEqualTo(1);
        assertThat(network.posts()).isEqualTo(1);
    }

    @Test
    void failsAReplyThatStopsItsWorkerEveryTimeAfterTheLastAttempt() throws Exception {
        OutgoingReply queued = replies.write(owner, conversation, null, "Once only.");
        sql("update publish.outbox set attempts = 9 where id = ?", queued.id().value());
        StubConnector.dieAfterSend = true;
        assertThatThrownBy(() -> worker.runOnce()).isInstanceOf(StubConnector.WorkerKilled.class);

        Thread.sleep(1_100);
        worker.runOnce();

        OutgoingReply failed = replies.get(owner, queued.id());
        assertThat(failed.state()).isEqualTo(ReplyState.FAILED);
        assertThat(failed.problem()).contains("Look there before writing it again");
        assertThat(network.posts()).isEqualTo(1);
        assertThat(auditActions()).contains("reply.failed");
    }

    @Test
    void refusesAReplyWhereMandateCannotAnswer() {
        ChannelAccount ingestOnly = channels.connect(team.id(), Actor.SYSTEM, "blog", "Fed by the API", List.of());
        ConversationId elsewhere = directMessage(ingestOnly, "x-1", "kim");

        assertThatThrownBy(() -> replies.write(owner, elsewhere, null, "Hallo Kim"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("answer there directly");
        assertThat(replies.of(owner, elsewhere)).isEmpty();

        ChannelAccount recordedOnly =
                channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog fed by the API", List.of("brand"));
        ConversationId noSettings = directMessage(recordedOnly, "w-1", "lea");
        assertThatThrownBy(() -> replies.write(owner, noSettings, null, "Hallo Lea"))
                .as("a WordPress account never connected through the connector has no site to answer on")
                .isInstanceOf(InvalidInput.class);
    }

    /** A direct message from {@code handle} on {@code account}, through ingest; its conversation. */
    private ConversationId directMessage(ChannelAccount on, String externalId, String handle) {
        ingest.accept(
                team.id(),
                List.of(new InboundItem(
                        on.id().toString(),
                        null,
                        externalId,
                        null,
                        null,
                        InboundItem.Kind.DIRECT_MESSAGE,
                        new InboundItem.Author(handle, handle, null),
                        "Hallo?",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Instant.now().minusSeconds(60),
                        null)));
        return inbox.conversations(owner, 10, null).conversations().stream()
                .filter(c -> c.network().equals(on.network()))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void sendsAgainOnlyWhenTheNetworkDoesNotHaveTheReply() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");
        network.next(StubNetwork.Trouble.LOST_AND_SLOW);

        worker.runOnce(); // times out: unknown
        worker.runOnce(); // not at the network: queued again
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.QUEUED);
        worker.runOnce(); // sent

        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString())).isEqualTo(1);
        assertThat(network.posts()).isEqualTo(2);
    }

    @Test
    void waitsAsLongAsARateLimitSaysWithoutCountingItAsAFailure() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");
        network.next(StubNetwork.Trouble.RATE_LIMITED);
        Instant before = Instant.now();

        worker.runOnce();

        OutgoingReply waiting = replies.get(owner, queued.id());
        assertThat(waiting.state()).isEqualTo(ReplyState.QUEUED);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.nextAttemptAt()).isAfter(before.plus(Duration.ofSeconds(6)));
        assertThat(waiting.problem()).contains("asked to wait");
        assertThat(worker.runOnce()).as("not before the time the network named").isZero();
        assertThat(network.posts()).isEqualTo(1);
    }

    @Test
    void retriesWhenTheNetworkIsDownAndFailsForGoodWhenTheCredentialIsRefused() {
        OutgoingReply down = replies.write(owner, conversation, null, "First try.");
        network.next(StubNetwork.Trouble.DOWN);
        worker.runOnce();
        OutgoingReply retrying = replies.get(owner, down.id());
        assertThat(retrying.state()).isEqualTo(ReplyState.QUEUED);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.nextAttemptAt()).isAfter(Instant.now().plusSeconds(20));

        OutgoingReply refused = replies.write(owner, conversation, null, "Second reply.");
        network.next(StubNetwork.Trouble.REFUSED_CREDENTIAL);
        worker.runOnce();
        OutgoingReply failed = replies.get(owner, refused.id());
        assertThat(failed.state()).isEqualTo(ReplyState.FAILED);
        assertThat(failed.problem()).contains("password");
        assertThat(auditActions()).contains("reply.failed");
    }

    @Test
    void queuesOneReplyForOneKeyAndRefusesAdvisorsAndEmptyText() {
        UUID key = UUID.randomUUID();
        replies.write(owner, conversation, key, "Yes.");
        replies.write(owner, conversation, key, "Yes.");
        Membership advisor =
                new Membership(team.workspace(), team.advisor().account().id(), "Ada", Role.AUDITOR);

        assertThat(replies.of(owner, conversation)).hasSize(1);
        assertThatThrownBy(() -> replies.write(advisor, conversation, null, "Hello"))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> replies.write(owner, conversation, null, "   "))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("text"));
        assertThatThrownBy(() -> replies.write(owner, conversation, null, "x".repeat(Replies.MAX_TEXT + 1)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void takesRepliesFromThePageAndTheApi() throws Exception {
        MockHttpSession agentSession = signIn(team.agent().email());
        mvc.perform(post("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .param("text", "<script>alert(1)</script> From the page")
                        .session(agentSession)
                        .with(csrf()))
                .andExpect(redirectedUrl("/workspaces/" + team.id() + "/conversations/" + conversation + "#replies"));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(agentSession))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("&lt;script&gt;")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>alert(1)"))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Queued")));

        mvc.perform(post("/api/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"From the API\"}")
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("QUEUED"));
        mvc.perform(post("/api/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"\"}")
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(get("/api/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .with(httpBasic(team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
    }

    private MockHttpSession signIn(String email) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession();
    }

    private InboundItem item(String id, String parent, InboundItem.Kind kind, String handle, String text, Instant at) {
        return new InboundItem(
                account.id().toString(),
                null,
                id,
                parent,
                "post-1",
                kind,
                new InboundItem.Author(handle, handle, "brand".equals(handle)),
                text,
                null,
                kind == InboundItem.Kind.POST ? text : null,
                null,
                "en",
                null,
                null,
                at,
                null);
    }

    private List<String> auditActions() {
        List<String> actions = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query =
                        connection.prepareStatement("select action from audit.entry where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return actions;
    }

    private static void sql(String statement, Object... values) {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
