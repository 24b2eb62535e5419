package dev.mandate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.ingest.Ingest;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.NotFound;
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
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hamcrest.Matchers;
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
 * A failed reply waits for a person: sent again, it goes out once under the rules of a new reply, and where the
 * network may have it already it is looked up there first, so that it never arrives twice; discarded, it is no longer
 * shown as a problem. Both from the conversation page and over the API, each in the audit trail.
 */
@SpringBootTest(
        properties = {"mandate.publish.enabled=false", "mandate.publish.lease=1s", "mandate.publish.reconcile-after=0s"
        })
@AutoConfigureMockMvc
class ReplyRetryTests {

    @Autowired
    Replies replies;

    @Autowired
    OutboxWorker worker;

    @Autowired
    Inbox inbox;

    @Autowired
    Casework casework;

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
    Membership advisor;
    ConversationId conversation;

    @BeforeEach
    void aQuestionOnTheStubNetwork() throws Exception {
        network = new StubNetwork();
        StubConnector.network = network.uri();
        StubConnector.dieAfterSend = false;
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        agent = new Membership(team.workspace(), team.agent().account().id(), "Aga Agent", Role.AGENT);
        advisor = new Membership(team.workspace(), team.advisor().account().id(), "Ada Advisor", Role.AUDITOR);
        ChannelAccount account = channels.connect(team.id(), Actor.SYSTEM, "replystub", "Stub blog", List.of("brand"));
        ingest.accept(
                team.id(),
                List.of(new InboundItem(
                        account.id().toString(),
                        null,
                        "c-1",
                        null,
                        "post-1",
                        InboundItem.Kind.COMMENT,
                        new InboundItem.Author("priya", "Priya", false),
                        "Is the spelt loaf vegan?",
                        null,
                        null,
                        null,
                        "en",
                        null,
                        null,
                        Instant.now().minusSeconds(60),
                        null)));
        conversation =
                inbox.conversations(owner, 10, null).conversations().get(0).id();
    }

    @AfterEach
    void leaveNoRepliesForTheWorker() throws Exception {
        network.close();
        sql(
                "update publish.outbox set state = 'FAILED', problem = 'test over', leased_by = null,"
                        + " leased_until = null where workspace_id = ? and state not in ('DELIVERED', 'DISCARDED')",
                team.id().value());
    }

    @Test
    void sendsAFailedReplyAgainAsANewRoundOfAttemptsOnceTheCauseIsFixed() {
        OutgoingReply failed = refusedByTheNetwork("Yes, it is vegan.");
        assertThat(failed.outcomeUnknown())
                .as("the network said no: it does not have it")
                .isFalse();

        OutgoingReply again = replies.retry(agent, failed.id());

        assertThat(again.state()).isEqualTo(ReplyState.QUEUED);
        assertThat(again.attempts()).isZero();
        assertThat(again.problem()).isNull();
        assertThat(again.text()).isEqualTo("Yes, it is vegan.");
        worker.runOnce();
        assertThat(replies.get(owner, failed.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(failed.id().toString())).isEqualTo(1);
        assertThat(network.posts())
                .as("the refused send and the one that arrived")
                .isEqualTo(2);
        assertThat(inbox.conversation(owner, conversation).messages())
                .filteredOn(ThreadMessage::outbound)
                .extracting(ThreadMessage::body)
                .containsExactly("Yes, it is vegan.");
        List<AuditLine> retried = audit("reply.retried");
        assertThat(retried).hasSize(1);
        assertThat(retried.get(0).actorId()).isEqualTo(agent.accountId().value().toString());
        assertThat(retried.get(0).subjectId()).isEqualTo(failed.id().toString());
        assertThat(retried.get(0).details()).contains("refused the account's password", "\"lookedUpFirst\":\"false\"");
    }

    @Test
    void looksUpAReplyThatMayHaveArrivedInsteadOfSendingItAgain() throws Exception {
        OutgoingReply queued = replies.write(owner, conversation, null, "We bake it without butter.");
        sql("update publish.outbox set attempts = 9 where id = ?", queued.id().value());
        StubConnector.dieAfterSend = true;
        assertThatThrownBy(() -> worker.runOnce()).isInstanceOf(StubConnector.WorkerKilled.class);
        Thread.sleep(1_100); // the dead worker's lease runs out on its last attempt: failed, the outcome unknown
        worker.runOnce();
        OutgoingReply failed = replies.get(owner, queued.id());
        assertThat(failed.state()).isEqualTo(ReplyState.FAILED);
        assertThat(failed.outcomeUnknown()).isTrue();

        OutgoingReply again = replies.retry(owner, queued.id());
        assertThat(again.state()).as("looked up first").isEqualTo(ReplyState.UNKNOWN);
        worker.runOnce();

        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString()))
                .as("found, not sent again")
                .isEqualTo(1);
        assertThat(network.posts()).isEqualTo(1);
        assertThat(inbox.conversation(owner, conversation).messages())
                .filteredOn(ThreadMessage::outbound)
                .hasSize(1);
        assertThat(audit("reply.retried").get(0).details()).contains("\"lookedUpFirst\":\"true\"");
    }

    @Test
    void sendsAgainAReplyWhoseOutcomeWasUnknownOnlyOnceTheNetworkSaysItDoesNotHaveIt() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");
        sql("update publish.outbox set attempts = 9 where id = ?", queued.id().value());
        network.next(StubNetwork.Trouble.LOST_AND_SLOW);
        worker.runOnce(); // the last attempt times out: failed, the outcome unknown
        assertThat(replies.get(owner, queued.id()).outcomeUnknown()).isTrue();

        replies.retry(owner, queued.id());
        worker.runOnce(); // looked up: not there, so queued
        assertThat(network.posts()).as("not sent before the look-up said so").isEqualTo(1);
        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.QUEUED);
        worker.runOnce();

        assertThat(replies.get(owner, queued.id()).state()).isEqualTo(ReplyState.DELIVERED);
        assertThat(network.stored(queued.id().toString())).isEqualTo(1);
        assertThat(network.posts()).isEqualTo(2);
    }

    @Test
    void sendsAgainOnceWhenTwoPeopleAskAtTheSameMoment() throws Exception {
        List<OutgoingReply> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(refusedByTheNetwork("Answer " + i));
        }
        ExecutorService people = Executors.newFixedThreadPool(2);
        try {
            for (OutgoingReply reply : failed) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<OutgoingReply>> presses = new ArrayList<>();
                for (Membership person : List.of(owner, agent)) {
                    presses.add(people.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        return replies.retry(person, reply.id());
                    }));
                }
                int sent = 0;
                int refused = 0;
                for (Future<OutgoingReply> press : presses) {
                    try {
                        press.get(10, TimeUnit.SECONDS);
                        sent++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ReplyNotFailed.class);
                        refused++;
                    }
                }
                assertThat(sent).isEqualTo(1);
                assertThat(refused).isEqualTo(1);
            }
        } finally {
            people.shutdownNow();
        }
        assertThat(audit("reply.retried")).hasSize(3);
        worker.runOnce();
        for (OutgoingReply reply : failed) {
            assertThat(network.stored(reply.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void refusesToSendAgainOrDiscardAReplyThatIsNotFailed() {
        OutgoingReply queued = replies.write(owner, conversation, null, "Vegan, yes.");

        assertThatThrownBy(() -> replies.retry(owner, queued.id()))
                .isInstanceOfSatisfying(
                        ReplyNotFailed.class,
                        e -> assertThat(e.getBody().getProperties()).containsEntry("state", "QUEUED"));
        assertThatThrownBy(() -> replies.discard(owner, queued.id())).isInstanceOf(ReplyNotFailed.class);
        worker.runOnce();
        assertThatThrownBy(() -> replies.retry(owner, queued.id()))
                .isInstanceOf(ReplyNotFailed.class)
                .hasMessageStartingWith("This reply is delivered, not failed");
        assertThat(network.posts()).isEqualTo(1);
        assertThat(audit("reply.retried")).isEmpty();
    }

    @Test
    void discardsAFailedReplySoThatItIsNeitherShownNorSent() throws Exception {
        OutgoingReply failed = refusedByTheNetwork("A reply nobody wants any more");

        OutgoingReply discarded = replies.discard(agent, failed.id());

        assertThat(discarded.state()).isEqualTo(ReplyState.DISCARDED);
        assertThat(replies.of(owner, conversation))
                .extracting(OutgoingReply::state)
                .containsExactly(ReplyState.DISCARDED);
        assertThat(worker.runOnce()).isZero();
        assertThat(network.posts()).isEqualTo(1);
        assertThatThrownBy(() -> replies.retry(owner, failed.id()))
                .isInstanceOf(ReplyNotFailed.class)
                .hasMessageStartingWith("This reply is discarded");
        assertThat(audit("reply.discarded"))
                .singleElement()
                .satisfies(line -> assertThat(line.actorId())
                        .isEqualTo(agent.accountId().value().toString()));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(signIn(team.owner().email())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("A reply nobody wants"))));
    }

    @Test
    void keepsAdvisorsOtherWorkspacesAndTheAgencyOutsideItsMandateFromActing() {
        OutgoingReply failed = refusedByTheNetwork("Vegan, yes.");
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership stranger =
                new Membership(other.workspace(), other.owner().account().id(), "Otto Other", Role.OWNER);

        assertThatThrownBy(() -> replies.retry(advisor, failed.id())).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> replies.discard(advisor, failed.id())).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> replies.retry(stranger, failed.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.discard(stranger, failed.id())).isInstanceOf(NotFound.class);
        long version = casework.work(owner, conversation).head().version();
        casework.changeState(agent, conversation, version, ConversationState.ESCALATED, "The brand decides.");
        assertThatThrownBy(() -> replies.retry(agent, failed.id()))
                .isInstanceOfSatisfying(
                        ReplyOutsideMandate.class,
                        e -> assertThat(e.rule()).isEqualTo(ReplyOutsideMandate.Rule.ESCALATED_TO_BRAND));
        assertThat(replies.get(owner, failed.id()).state()).isEqualTo(ReplyState.FAILED);

        assertThat(replies.retry(owner, failed.id()).state())
                .as("the brand answers an escalated conversation")
                .isEqualTo(ReplyState.QUEUED);
    }

    @Test
    void thePageShowsWhyAReplyFailedWithSendAgainAndDiscard() throws Exception {
        OutgoingReply failed = refusedByTheNetwork("Yes, it is vegan.");
        OutgoingReply second = refusedByTheNetwork("Second answer");
        MockHttpSession ownerSession = signIn(team.owner().email());
        String retry = "/workspaces/" + team.id() + "/replies/" + failed.id() + "/retry";
        String discard = "/workspaces/" + team.id() + "/replies/" + failed.id() + "/discard";

        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(ownerSession))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Failed")))
                .andExpect(content().string(Matchers.containsString("The network refused the account&#39;s password")))
                .andExpect(content().string(Matchers.containsString("action=\"" + retry + "\"")))
                .andExpect(content().string(Matchers.containsString("action=\"" + discard + "\"")))
                .andExpect(content().string(Matchers.containsString("Send again")))
                .andExpect(content().string(Matchers.containsString("Discard")));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(signIn(team.advisor().email())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("The network refused the account&#39;s password")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Send again"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString(discard))));

        String back = "/workspaces/" + team.id() + "/conversations/" + conversation + "#replies";
        mvc.perform(post(retry).session(ownerSession).with(csrf()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", Matchers.startsWith("Sent again")));
        assertThat(replies.get(owner, failed.id()).state()).isEqualTo(ReplyState.QUEUED);
        mvc.perform(post(retry).session(ownerSession).with(csrf()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("replyError", Matchers.startsWith("This reply is queued, not failed")));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(ownerSession))
                .andExpect(content().string(Matchers.containsString("Queued")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(retry))));

        mvc.perform(post("/workspaces/{w}/replies/{r}/discard", team.id(), second.id())
                        .session(ownerSession)
                        .with(csrf()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", Matchers.startsWith("Reply discarded")));
        assertThat(replies.get(owner, second.id()).state()).isEqualTo(ReplyState.DISCARDED);
    }

    @Test
    void theApiAnswersRetriesAndDiscardsWithProblemDetails() throws Exception {
        OutgoingReply failed = refusedByTheNetwork("Yes, it is vegan.");
        OutgoingReply second = refusedByTheNetwork("Second answer");
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();

        mvc.perform(post("/api/workspaces/{w}/replies/{r}/retry", team.id(), failed.id())
                        .with(httpBasic(team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/forbidden"));
        mvc.perform(post("/api/workspaces/{w}/replies/{r}/retry", other.id(), failed.id())
                        .with(httpBasic(other.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/not-found"));
        mvc.perform(post("/api/workspaces/{w}/replies/{r}/retry", team.id(), failed.id())
                        .with(httpBasic(other.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/workspaces/{w}/replies/{r}/retry", team.id(), failed.id())
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("QUEUED"))
                .andExpect(jsonPath("$.attempts").value(0))
                .andExpect(jsonPath("$.outcomeUnknown").value(false));
        mvc.perform(post("/api/workspaces/{w}/replies/{r}/retry", team.id(), failed.id())
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/reply-not-failed"))
                .andExpect(jsonPath("$.state").value("QUEUED"));
        mvc.perform(post("/api/workspaces/{w}/replies/{r}/discard", team.id(), failed.id())
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/reply-not-failed"));

        mvc.perform(post("/api/workspaces/{w}/replies/{r}/discard", team.id(), second.id())
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DISCARDED"));
    }

    /** A reply the network refused (a wrong password): failed, and the network certainly does not have it. */
    private OutgoingReply refusedByTheNetwork(String text) {
        OutgoingReply queued = replies.write(owner, conversation, null, text);
        network.next(StubNetwork.Trouble.REFUSED_CREDENTIAL);
        worker.runOnce();
        OutgoingReply failed = replies.get(owner, queued.id());
        assertThat(failed.state()).isEqualTo(ReplyState.FAILED);
        return failed;
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

    record AuditLine(String actorId, String subjectId, String details) {}

    private List<AuditLine> audit(String action) {
        List<AuditLine> lines = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select actor_id, subject_id, details from audit.entry where workspace_id = ? and action = ?"
                                + " order by seq")) {
            query.setObject(1, team.id().value());
            query.setString(2, action);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    lines.add(new AuditLine(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return lines;
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
