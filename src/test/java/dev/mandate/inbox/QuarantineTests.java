package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.Moderation;
import dev.mandate.classify.Abuse;
import dev.mandate.classify.BrandModels;
import dev.mandate.classify.Classification;
import dev.mandate.classify.Intent;
import dev.mandate.classify.Reasons;
import dev.mandate.classify.Sentiment;
import dev.mandate.classify.Spam;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/**
 * Auto-moderation as messages arrive through ingest, and what people do in the quarantine, against a stub network
 * that can moderate: spam is held back and hidden at the network, a restore brings it back in both places, and only
 * members who may change anything may decide.
 */
@SpringBootTest
@AutoConfigureMockMvc
class QuarantineTests {

    static final String ADVERT =
            "Check out my new channel and subscribe please!!! http://www.youtube.com/user/cheapfollowers";
    static final String QUESTION = "Is the spelt loaf vegan? I would like to order two of them for Saturday morning.";

    @Autowired
    Ingest ingest;

    @Autowired
    Inbox inbox;

    @Autowired
    Quarantine quarantine;

    @Autowired
    BrandModels brands;

    @Autowired
    NetworkModerationWorker worker;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MockMvc mvc;

    WorkspaceFixtures.Team team;
    Membership owner;
    Membership advisor;
    ChannelAccount account;

    @BeforeEach
    void aBlogOnANetworkThatCanModerate() {
        ModerationStubConnector.calls.clear();
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        advisor = new Membership(team.workspace(), team.advisor().account().id(), "Ada Advisor", Role.AUDITOR);
        account = channels.connect(team.id(), Actor.SYSTEM, "modstub", "Stub blog", List.of("brand"));
    }

    @Test
    void holdsSpamBackAndHidesItAtTheNetworkThenRestoresItInBothPlaces() {
        arrive("c-1", ADVERT, "spammer");
        arrive("c-2", QUESTION, "priya");

        assertThat(listed()).containsExactly(QUESTION);
        List<QuarantinedMessage> held = quarantine.messages(owner);
        assertThat(held).singleElement().satisfies(q -> {
            assertThat(q.body()).isEqualTo(ADVERT);
            assertThat(q.spamScore()).isGreaterThanOrEqualTo(0.5);
            assertThat(q.reasons()).isNotEmpty();
            assertThat(q.conversationQuarantined()).isTrue();
            assertThat(q.markedBy()).isNull();
        });

        worker.runOnce();
        assertThat(calls())
                .containsExactly(new ModerationStubConnector.Call(account.id().toString(), "c-1", Moderation.SPAM));
        assertThat(auditActions()).containsKeys("message.quarantined", "message.hidden-at-network");
        assertThat(auditActions().get("message.quarantined")).contains("reasons");

        quarantine.restore(owner, held.get(0).id());

        assertThat(listed()).containsExactlyInAnyOrder(QUESTION, ADVERT);
        assertThat(quarantine.messages(owner)).isEmpty();
        worker.runOnce();
        assertThat(calls())
                .extracting(ModerationStubConnector.Call::action)
                .containsExactly(Moderation.SPAM, Moderation.APPROVE);
        assertThat(auditActions()).containsKeys("message.restored", "message.restored-at-network");
        assertThat(thread(ADVERT).messages().get(0).moderated()).isEqualTo("NOT_SPAM");
    }

    @Test
    void marksAMessageAsSpamFromItsConversation() {
        arrive("c-1", QUESTION, "priya");
        ThreadMessage question = thread(QUESTION).messages().get(0);
        assertThat(question.classification()).isNotNull();
        assertThat(question.classification().spam().spam()).isFalse();

        quarantine.markSpam(owner, question.id());

        assertThat(listed()).isEmpty();
        assertThat(quarantine.messages(owner)).singleElement().satisfies(q -> {
            assertThat(q.markedBy()).isEqualTo("Olga Owner");
            assertThat(q.reasons()).isNotEmpty();
        });
        worker.runOnce();
        assertThat(calls())
                .containsExactly(new ModerationStubConnector.Call(account.id().toString(), "c-1", Moderation.SPAM));
        assertThat(auditActions().get("message.marked-spam")).contains("marked by Olga Owner");
        assertThat(inbox.history(team.id(), List.of(contactOf(question)), List.of())
                        .authors()
                        .get(contactOf(question))
                        .spam())
                .as("a moderator's word beats the classifier's in the author's history")
                .isEqualTo(1);
    }

    @Test
    void triesAgainWhileTheNetworkIsUnreachable() throws Exception {
        ModerationStubConnector.unreachableFor.put(account.id().toString(), 1);
        arrive("c-1", ADVERT, "spammer");

        worker.runOnce();
        assertThat(calls()).isEmpty();
        assertThat(actionStates()).containsExactly("QUEUED");

        sql("update inbox.moderation_action set next_attempt_at = now() - interval '1 second' where workspace_id = ?");
        worker.runOnce();
        assertThat(calls()).hasSize(1);
        assertThat(actionStates()).containsExactly("DONE");
    }

    @Test
    void followsTheWorkspacesSettingForTheNetwork() {
        quarantine.change(owner, "modstub", ModerationMode.WARN, 0.5);
        arrive("c-1", ADVERT, "spammer");

        assertThat(listed()).containsExactly(ADVERT);
        assertThat(quarantine.messages(owner)).isEmpty();
        assertThat(inbox.conversations(owner, 10, null).conversations().get(0).tags())
                .contains(AutoModeration.WARNING_TAG);

        quarantine.change(owner, "modstub", ModerationMode.QUARANTINE, 0.5);
        arrive("c-2", ADVERT + " now", "spammer2");
        assertThat(quarantine.messages(owner)).hasSize(1);
        worker.runOnce();
        assertThat(calls())
                .as("quarantine alone changes nothing at the network")
                .isEmpty();
        assertThat(auditActions()).containsKey("moderation.changed");
    }

    @Test
    void onlyWarnsAboutPrivateMessagesUnlessTheWorkspaceChoseOtherwise() {
        Instant at = Instant.now().minusSeconds(60);
        ingest.accept(team.id(), List.of(item("mail-1", null, InboundItem.Kind.EMAIL, "spammer", ADVERT, at)));

        assertThat(quarantine.messages(owner)).isEmpty();
        assertThat(inbox.conversations(owner, 10, null).conversations().get(0).tags())
                .containsExactly(AutoModeration.WARNING_TAG);

        quarantine.change(owner, "modstub", ModerationMode.QUARANTINE, 0.5);
        InboundItem second = item("mail-2", null, InboundItem.Kind.EMAIL, "spammer2", ADVERT + "!", at);
        ingest.accept(
                team.id(),
                List.of(new InboundItem(
                        second.account(),
                        null,
                        "mail-2",
                        null,
                        "thread-2",
                        InboundItem.Kind.EMAIL,
                        second.author(),
                        second.text(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        at,
                        null)));
        assertThat(quarantine.messages(owner))
                .as("the workspace chose to quarantine")
                .hasSize(1);
    }

    @Test
    void correctsAnIntentWhichTheWorkspacesModelThenLearns() throws Exception {
        arrive("c-1", QUESTION, "priya");
        ThreadMessage question = thread(QUESTION).messages().get(0);
        assertThat(question.classification().intent().label()).isNotEqualTo(Intent.Label.PRAISE);

        quarantine.correctIntent(owner, question.id(), Intent.Label.PRAISE);

        assertThat(thread(QUESTION).messages().get(0).classification().intent().label())
                .isEqualTo(Intent.Label.PRAISE);
        assertThat(brands.intent(team.id(), QUESTION, new Intent(Intent.Label.QUESTION, 0.9, List.of()))
                        .label())
                .as("the workspace's own model learnt the decision")
                .isEqualTo(Intent.Label.PRAISE);
        assertThat(auditActions().get("message.intent-corrected")).contains("\"now\":\"praise\"");
        assertThatThrownBy(() -> quarantine.correctIntent(advisor, question.id(), Intent.Label.OTHER))
                .isInstanceOf(Forbidden.class);
        mvc.perform(post("/api/workspaces/{w}/messages/{m}/intent", team.id(), question.id())
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"intent\":\"gossip\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/workspaces/{w}/messages/{m}/intent", team.id(), question.id())
                        .with(httpBasic(team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"intent\":\"complaint\"}"))
                .andExpect(status().isNoContent());
        assertThat(thread(QUESTION).messages().get(0).classification().intent().label())
                .isEqualTo(Intent.Label.COMPLAINT);
    }

    @Test
    void refusesAdvisorsAndOtherWorkspaces() throws Exception {
        arrive("c-1", ADVERT, "spammer");
        MessageId held = quarantine.messages(owner).get(0).id();

        assertThat(quarantine.messages(advisor)).hasSize(1);
        assertThatThrownBy(() -> quarantine.restore(advisor, held)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> quarantine.change(advisor, "modstub", ModerationMode.OFF, 0.5))
                .isInstanceOf(Forbidden.class);
        mvc.perform(post("/api/workspaces/{w}/quarantine/{m}/restore", team.id(), held)
                        .with(httpBasic(team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership stranger =
                new Membership(other.workspace(), other.owner().account().id(), "Otto", Role.OWNER);
        assertThat(quarantine.messages(stranger)).isEmpty();
        assertThatThrownBy(() -> quarantine.restore(stranger, held)).isInstanceOf(NotFound.class);
        mvc.perform(post("/api/workspaces/{w}/quarantine/{m}/restore", team.id(), held)
                        .with(httpBasic(other.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNotFound());
        assertThat(quarantine.messages(owner)).hasSize(1);
    }

    @Test
    void offersTheQuarantineAndTheSettingsOverTheApi() throws Exception {
        arrive("c-1", ADVERT, "spammer");
        String basic = team.owner().email();

        mvc.perform(get("/api/workspaces/{w}/quarantine", team.id()).with(httpBasic(basic, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].body").value(ADVERT))
                .andExpect(jsonPath("$[0].reasons").isNotEmpty());
        mvc.perform(put("/api/workspaces/{w}/moderation", team.id())
                        .with(httpBasic(basic, WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"modstub\",\"mode\":\"quarantine\",\"threshold\":0.2}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/workspaces/{w}/moderation", team.id())
                        .with(httpBasic(basic, WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"modstub\",\"mode\":\"quarantine\",\"threshold\":0.8}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("QUARANTINE"));
        String id = quarantine.messages(owner).get(0).id().toString();
        mvc.perform(post("/api/workspaces/{w}/quarantine/{m}/restore", team.id(), id)
                        .with(httpBasic(basic, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/workspaces/{w}/quarantine/{m}/restore", team.id(), id)
                        .with(httpBasic(basic, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/workspaces/{w}/messages/{m}/spam", team.id(), id)
                        .with(httpBasic(basic, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNoContent());
        assertThat(quarantine.messages(owner)).hasSize(1);
    }

    @Test
    void showsTheQuarantineAndTheClassificationOnPages() throws Exception {
        arrive("c-1", ADVERT, "spammer");
        arrive("c-2", QUESTION, "priya");
        MockHttpSession session = signIn(team.owner().email());

        String page = mvc.perform(get("/workspaces/{w}/quarantine", team.id())
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("cheapfollowers", "Restore", "Moderation settings", "quarantine-and-hide");
        // the reasons in words, their codes beside them
        List<String> reasons = quarantine.messages(owner).get(0).reasons();
        assertThat(reasons).isNotEmpty();
        String described = new Reasons().describe(reasons.get(0));
        assertThat(described).isNotEqualTo(reasons.get(0));
        assertThat(page).contains(HtmlUtils.htmlEscape(described)).contains("title=\"" + reasons.get(0) + "\"");

        ConversationThread question = thread(QUESTION);
        String conversation = mvc.perform(get("/workspaces/{w}/conversations/{c}", team.id(), question.id())
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(conversation)
                .contains("Mark as spam", "spam " + question.messages().get(0).spamScore(), "/quarantine");

        mvc.perform(post(
                                "/workspaces/{w}/messages/{m}/spam",
                                team.id(),
                                question.messages().get(0).id())
                        .param("conversation", question.id().toString())
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String marked = mvc.perform(get("/workspaces/{w}/conversations/{c}", team.id(), question.id())
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(marked).contains("in the", "quarantine", "marked as spam by Olga Owner");

        MockHttpSession advisorSession = signIn(team.advisor().email());
        String read = mvc.perform(get("/workspaces/{w}/quarantine", team.id())
                        .session(advisorSession)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(read).contains("cheapfollowers").doesNotContain(">Restore<");
    }

    @Test
    void flagsAnAbusiveMessageForAPersonAndNeverHidesIt() {
        Classification abusive = new Classification(
                new Spam(0.05, Spam.Verdict.NOT_SPAM, List.of()),
                "de",
                0.9,
                new Intent(Intent.Label.COMPLAINT, 0.8, List.of()),
                new Sentiment(Sentiment.Polarity.NEGATIVE, -0.9, List.of()),
                new Abuse(true, 0.97, List.of("w:idioten")));
        IncomingMessage message = new IncomingMessage(
                        account.id(),
                        "modstub",
                        "c-abuse",
                        null,
                        null,
                        null,
                        ConversationKind.COMMENT,
                        Direction.INBOUND,
                        "Wut",
                        "wut",
                        null,
                        "Ihr seid alle Idioten, das Brot ist eine Frechheit!",
                        null,
                        null,
                        null,
                        null,
                        null,
                        Instant.now(),
                        null)
                .classified(abusive, null);

        inbox.record(team.id(), List.of(), List.of(message));

        assertThat(quarantine.messages(owner)).isEmpty();
        ConversationSummary shown =
                inbox.conversations(owner, 10, null).conversations().get(0);
        assertThat(shown.tags()).containsExactly(AutoModeration.ABUSE_TAG);
        assertThat(inbox.conversations(
                                owner,
                                new ConversationFilter(
                                        java.util.Set.of(), null, null, null, "abusive", null, null, null),
                                ConversationSort.NEWEST,
                                10,
                                null)
                        .conversations())
                .extracting(ConversationSummary::id)
                .containsExactly(shown.id());
        assertThat(inbox.conversation(owner, shown.id()).messages().get(0).classification())
                .isEqualTo(abusive);
        worker.runOnce();
        assertThat(calls()).isEmpty();
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

    private void arrive(String id, String text, String author) {
        Instant at = Instant.now().minusSeconds(600);
        ingest.accept(
                team.id(),
                List.of(
                        item("post-1", null, InboundItem.Kind.POST, "brand", "Our new spelt loaf is in the shops", at),
                        item(id, "post-1", InboundItem.Kind.COMMENT, author, text, at.plusSeconds(60))));
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
                null,
                null,
                null,
                at,
                null);
    }

    /** What the stub network was asked for this workspace's account (other tests' actions share the queue). */
    private List<ModerationStubConnector.Call> calls() {
        return ModerationStubConnector.calls.stream()
                .filter(call -> call.account().equals(account.id().toString()))
                .toList();
    }

    private List<String> listed() {
        List<String> bodies = new ArrayList<>();
        for (ConversationSummary summary : inbox.conversations(owner, 100, null).conversations()) {
            bodies.add(inbox.conversation(owner, summary.id()).messages().get(0).body());
        }
        return bodies;
    }

    private ConversationThread thread(String firstBody) {
        for (ConversationSummary summary : inbox.conversations(owner, 100, null).conversations()) {
            ConversationThread thread = inbox.conversation(owner, summary.id());
            if (thread.messages().get(0).body().equals(firstBody)) {
                return thread;
            }
        }
        throw new AssertionError("no conversation starts with " + firstBody);
    }

    private dev.mandate.contact.ContactId contactOf(ThreadMessage message) {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query =
                        connection.prepareStatement("select contact_id from inbox.message where id = ?")) {
            query.setObject(1, message.id().value());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new dev.mandate.contact.ContactId(rs.getObject(1, java.util.UUID.class));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> auditActions() {
        Map<String, String> actions = new TreeMap<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select action, details from audit.entry where workspace_id = ? order by seq")) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actions.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return actions;
    }

    private List<String> actionStates() throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select state from inbox.moderation_action where workspace_id = ? order by created_at")) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
        }
        return states;
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.setObject(1, team.id().value());
            update.executeUpdate();
        }
    }
}
