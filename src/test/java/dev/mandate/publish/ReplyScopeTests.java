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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Inbox;
import dev.mandate.ingest.Ingest;
import dev.mandate.shared.Actor;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.MandateTerms;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.Scope;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 * The mandate's scope decides who replies: the agency not where community replies are outside its mandate or where
 * the conversation is escalated to the brand; the brand always.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReplyScopeTests {

    @Autowired
    Replies replies;

    @Autowired
    Casework casework;

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

    WorkspaceFixtures.Team team;
    Membership owner;
    Membership agent;
    ConversationId conversation;

    @BeforeEach
    void aQuestionOnAnAccountMandateAnswers() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        agent = new Membership(team.workspace(), team.agent().account().id(), "Aga Agent", Role.AGENT);
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
                        "Can I order 40 loaves for Saturday?",
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
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement done = connection.prepareStatement(
                        "update publish.outbox set state = 'FAILED', problem = 'test over', leased_by = null,"
                                + " leased_until = null where workspace_id = ? and state <> 'DELIVERED'")) {
            done.setObject(1, team.id().value());
            done.executeUpdate();
        }
    }

    @Test
    void refusesTheAgencyAReplyOnAConversationEscalatedToTheBrand() throws Exception {
        escalate();

        assertThatThrownBy(() -> replies.write(agent, conversation, null, "We can do that!"))
                .isInstanceOfSatisfying(
                        ReplyOutsideMandate.class,
                        e -> assertThat(e.rule()).isEqualTo(ReplyOutsideMandate.Rule.ESCALATED_TO_BRAND));
        mvc.perform(post("/api/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"We can do that!\"}")
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/reply-escalated-to-brand"))
                .andExpect(jsonPath("$.rule").value("escalated-to-brand"))
                .andExpect(
                        jsonPath("$.detail").value(Matchers.startsWith("This conversation is escalated to the brand")));
        assertThat(replies.of(owner, conversation)).isEmpty();
    }

    @Test
    void letsTheBrandReplyOnAnEscalatedConversation() {
        escalate();

        OutgoingReply reply = replies.write(owner, conversation, UUID.randomUUID(), "Yes, we can bake them.");

        assertThat(reply.state()).isEqualTo(ReplyState.QUEUED);
    }

    @Test
    void refusesTheAgencyARepliesWhenTheMandateHasNoCommunityReplies() throws Exception {
        Long version = workspaces.mandate(team.id(), team.owner().account()).version();
        workspaces.changeMandate(
                team.id(),
                team.owner().account(),
                new MandateTerms(
                        "Agency GmbH", LocalDate.of(2026, 1, 1), null, Set.of(Scope.MONITORING), List.of(), 30, null),
                version);

        mvc.perform(post("/api/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"Sure!\"}")
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/reply-not-in-mandate"))
                .andExpect(jsonPath("$.rule").value("community-replies-not-in-scope"));
        assertThat(replies.write(owner, conversation, null, "Sure!").state()).isEqualTo(ReplyState.QUEUED);
    }

    @Test
    void letsTheAgencyReplyWithinItsMandate() {
        assertThat(replies.write(agent, conversation, null, "Yes, order by Thursday.")
                        .state())
                .isEqualTo(ReplyState.QUEUED);
    }

    @Test
    void theComposerTellsTheAgencyWhyItCannotReply() throws Exception {
        escalate();

        MockHttpSession agentSession = signIn(team.agent().email());
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(agentSession))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("This conversation is escalated to the brand")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Send reply"))));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .session(signIn(team.owner().email())))
                .andExpect(content().string(Matchers.containsString("Send reply")));
        mvc.perform(post("/workspaces/{w}/conversations/{c}/replies", team.id(), conversation)
                        .param("text", "Sure")
                        .with(csrf())
                        .session(agentSession))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("replyError", Matchers.startsWith("This conversation is escalated")));
        assertThat(replies.of(owner, conversation)).isEmpty();
    }

    private MockHttpSession signIn(String email) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession();
    }

    private void escalate() {
        long version = casework.work(owner, conversation).head().version();
        casework.changeState(
                agent, conversation, version, ConversationState.ESCALATED, "A bulk order: the brand decides.");
    }
}
