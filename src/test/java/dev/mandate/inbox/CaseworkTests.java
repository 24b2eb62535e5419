package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Working on conversations: state, priority, assignment, tags, notes, follow-ups, each change once and audited. */
@SpringBootTest
@AutoConfigureMockMvc
class CaseworkTests {

    @Autowired
    Casework casework;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MockMvc mvc;

    WorkspaceFixtures.Team team;
    Membership owner;
    Membership agent;
    Membership lead;
    Membership advisor;
    ConversationId conversation;

    @BeforeEach
    void aConversation() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = member(team.owner(), "Olga Owner", Role.OWNER);
        agent = member(team.agent(), "Aga Agent", Role.AGENT);
        lead = member(team.lead(), "Lea Lead", Role.LEAD);
        advisor = member(team.advisor(), "Ada Advisor", Role.AUDITOR);
        conversation = inbox.start(team.id(), InboxFixtures.question("Is the shop open on Sunday?", Instant.now()));
    }

    @Test
    void changesStateAndPriorityOnlyFromTheVersionTheCallerSaw() {
        long version = version();
        long next = casework.changeState(agent, conversation, version, ConversationState.CLOSED, null);
        assertThat(next).isEqualTo(version + 1);
        assertThat(casework.work(owner, conversation).head().state()).isEqualTo(ConversationState.CLOSED);

        assertThatThrownBy(() -> casework.changePriority(owner, conversation, version, Priority.URGENT))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("Someone else changed this conversation");
        assertThat(casework.work(owner, conversation).head().priority()).isEqualTo(Priority.NORMAL);

        casework.changePriority(owner, conversation, next, Priority.URGENT);
        assertThat(casework.work(owner, conversation).head().priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void letsExactlyOneOfTwoSimultaneousChangesWin() throws Exception {
        long version = version();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> racers = List.of(
                () -> {
                    start.await();
                    casework.changeState(agent, conversation, version, ConversationState.CLOSED, null);
                    return "closed";
                },
                () -> {
                    start.await();
                    casework.assign(
                            lead,
                            conversation,
                            version,
                            null,
                            team.agent().account().id());
                    return "assigned";
                });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            racers.forEach(racer -> results.add(pool.submit(racer)));
            start.countDown();
            List<String> won = new ArrayList<>();
            int conflicts = 0;
            for (Future<String> result : results) {
                try {
                    won.add(result.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(Conflict.class);
                    conflicts++;
                }
            }
            assertThat(won).hasSize(1);
            assertThat(conflicts).isEqualTo(1);
            Casework.Work.Head head = casework.work(owner, conversation).head();
            assertThat(head.version()).isEqualTo(version + 1);
            if (won.get(0).equals("closed")) {
                assertThat(head.state()).isEqualTo(ConversationState.CLOSED);
                assertThat(head.assignee()).isNull();
            } else {
                assertThat(head.state()).isNotEqualTo(ConversationState.CLOSED);
                assertThat(head.assignee()).isEqualTo(team.agent().account().id());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assignsOnlyMembersOfTheRightPartyAndNeverAdvisors() throws Exception {
        long version = casework.assign(
                lead, conversation, version(), null, team.agent().account().id());
        Casework.Work work = casework.work(owner, conversation);
        assertThat(work.head().assignedParty()).isEqualTo(Party.AGENCY);
        assertThat(work.assigneeName()).isEqualTo("Aga Agent");

        assertThatThrownBy(() -> casework.assign(
                        owner,
                        conversation,
                        version,
                        Party.BRAND,
                        team.agent().account().id()))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("assignee"));
        assertThatThrownBy(() -> casework.assign(
                        owner,
                        conversation,
                        version,
                        null,
                        team.advisor().account().id()))
                .isInstanceOf(InvalidInput.class);
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        assertThatThrownBy(() -> casework.assign(
                        owner,
                        conversation,
                        version,
                        null,
                        other.agent().account().id()))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.getMessage()).contains("member"));

        long unassigned = casework.assign(owner, conversation, version, null, null);
        assertThat(casework.work(owner, conversation).head().assignedParty()).isNull();
        assertThat(unassigned).isEqualTo(version + 1);
        assertThat(auditActions()).contains("conversation.assigned", "conversation.unassigned");
    }

    @Test
    void refusesAdvisorsAndEscalationsWithoutAReason() {
        assertThatThrownBy(() -> casework.changeState(advisor, conversation, version(), ConversationState.CLOSED, null))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> casework.note(advisor, conversation, "I would close it"))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> casework.changeState(agent, conversation, version(), ConversationState.ESCALATED, " "))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("reason"));

        casework.changeState(agent, conversation, version(), ConversationState.ESCALATED, "Refund over 50 €?");
        Casework.Work work = casework.work(owner, conversation);
        assertThat(work.head().escalationReason()).isEqualTo("Refund over 50 €?");
        assertThat(work.activity()).extracting(Casework.Activity::detail).contains("escalated: Refund over 50 €?");
    }

    @Test
    void keepsTagsLowerCaseAndUnique() {
        long version = casework.tag(agent, conversation, version(), "#Delivery");
        version = casework.tag(agent, conversation, version, "delivery");
        version = casework.tag(agent, conversation, version, "complaint");
        assertThat(casework.work(owner, conversation).head().tags()).containsExactly("delivery", "complaint");
        casework.untag(agent, conversation, version, "delivery");
        assertThat(casework.work(owner, conversation).head().tags()).containsExactly("complaint");
        assertThatThrownBy(() -> casework.tag(agent, conversation, version(), "no spaces please"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("tag"));
    }

    @Test
    void keepsNotesInsideAndOutOfTheThread() {
        int before = inbox.conversation(owner, conversation).messages().size();
        casework.note(agent, conversation, "She ordered twice last week; check the second order.");

        assertThat(inbox.conversation(owner, conversation).messages()).hasSize(before);
        assertThat(casework.work(owner, conversation).notes())
                .extracting(Casework.Note::body)
                .containsExactly("She ordered twice last week; check the second order.");
        assertThat(auditActions()).contains("conversation.note-added");
    }

    @Test
    void listsFollowUpsOverdueFirstForTheirAssignee() {
        Instant now = Instant.now();
        casework.followUp(
                owner,
                conversation,
                "Ask the baker",
                now.plus(1, ChronoUnit.DAYS),
                team.agent().account().id());
        casework.followUp(agent, conversation, "Call back", now.minus(2, ChronoUnit.HOURS), null);
        casework.followUp(owner, conversation, "Owner's own", now.plus(2, ChronoUnit.DAYS), null);

        List<Casework.FollowUp> mine = casework.followUpsOf(agent);
        assertThat(mine).extracting(Casework.FollowUp::title).containsExactly("Call back", "Ask the baker");
        assertThat(mine).extracting(Casework.FollowUp::overdue).containsExactly(true, false);

        casework.complete(agent, mine.get(0).id(), true);
        assertThat(casework.followUpsOf(agent))
                .extracting(Casework.FollowUp::title)
                .containsExactly("Ask the baker");
        assertThatThrownBy(() -> casework.followUp(
                        owner, conversation, "x", now, team.advisor().account().id()))
                .isInstanceOf(InvalidInput.class);
        assertThat(auditActions()).contains("task.created", "task.completed");
    }

    @Test
    void answersTheApiWithProblemsNamingTheField() throws Exception {
        String path = "/api/workspaces/{w}/conversations/{c}/";
        mvc.perform(put(path + "state", team.id(), conversation)
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\": \"sleeping\", \"version\": " + version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(put(path + "state", team.id(), conversation)
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\": \"closed\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(put(path + "state", team.id(), conversation)
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\": \"closed\", \"version\": " + (version() + 7) + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("concurrent-change")));
        mvc.perform(put(path + "state", team.id(), conversation)
                        .with(httpBasic(team.advisor().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\": \"closed\", \"version\": " + version() + "}"))
                .andExpect(status().isForbidden());
        mvc.perform(put(path + "state", team.id(), conversation)
                        .with(httpBasic(team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\": \"closed\", \"version\": " + version() + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version()));
        mvc.perform(get(path + "work", team.id(), conversation)
                        .with(httpBasic(team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.head.state").value("CLOSED"));
    }

    @Test
    void showsNotesAsTextAndRefusedChangesAsAMessageOnThePage() throws Exception {
        MockHttpSession session = signIn(team.agent().email());
        mvc.perform(post("/workspaces/{w}/conversations/{c}/notes", team.id(), conversation)
                        .session(session)
                        .with(csrf())
                        .param("body", "<script>alert('note')</script>"))
                .andExpect(status().is3xxRedirection());
        MvcResult stale = mvc.perform(post("/workspaces/{w}/conversations/{c}/state", team.id(), conversation)
                        .session(session)
                        .with(csrf())
                        .param("state", "closed")
                        .param("version", String.valueOf(version() - 1)))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat((String) stale.getFlashMap().get("error")).contains("Someone else changed");
        String page = mvc.perform(get("/workspaces/{w}/conversations/{c}", team.id(), conversation)
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert('note')")
                .contains("Assign to me");
    }

    private long version() {
        return casework.work(owner, conversation).head().version();
    }

    private Membership member(WorkspaceFixtures.Person person, String name, Role role) {
        return new Membership(team.workspace(), person.account().id(), name, role);
    }

    private List<String> auditActions() {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query =
                        connection.prepareStatement("select action from audit.entry where workspace_id = ?")) {
            query.setObject(1, team.id().value());
            List<String> actions = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
            return actions;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockHttpSession signIn(String email) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession();
    }
}
