package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.inbox.ConversationId;
import dev.mandate.ingest.Ingest;
import dev.mandate.shared.Actor;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The routing API and pages: problem details with pointers, drafts and approval, versions at a time, isolation. */
@SpringBootTest
@AutoConfigureMockMvc
class RoutingWebTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Ingest ingest;

    @Autowired
    ChannelAccounts channels;

    WorkspaceFixtures.Team team;

    @BeforeEach
    void aBrandWithItsAgency() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
    }

    @Test
    void refusesAnInvalidRuleSetWithAProblemDetailNamingThePlace() throws Exception {
        String invalid = """
                {"rules": [
                  {"id": "a", "name": "A", "conditions": {"field": "intent", "op": "is", "value": "lead"},
                   "actions": [{"type": "tag", "tags": ["a"]}]},
                  {"id": "b", "name": "B", "conditions": {"field": "intent", "op": "is", "value": "lead"},
                   "actions": [{"type": "tag", "tags": ["b"]}]},
                  {"id": "c", "name": "C", "conditions": {"all": [{"field": "intent", "op": "like", "value": "x"}]},
                   "actions": [{"type": "tag", "tags": ["c"]}]}
                ]}""";

        mvc.perform(as(team.lead().email(), post("/api/workspaces/{w}/routing/rule-sets", team.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(invalid))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/invalid-rule-set"))
                .andExpect(jsonPath("$.errors[0].pointer").value("/rules/2/conditions/all/0/op"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("'like' is not one of")));
        mvc.perform(as(team.owner().email(), get("/api/workspaces/{w}/routing/rule-sets", team.id())))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void theAgencySavesADraftAndAnOwnerPutsItInForce() throws Exception {
        mvc.perform(as(team.lead().email(), post("/api/workspaces/{w}/routing/rule-sets", team.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.approvedAt").doesNotExist())
                .andExpect(jsonPath("$.savedByParty").value("AGENCY"))
                .andExpect(jsonPath("$.ruleSet.rules[1].id").value("purchase-leads"));
        mvc.perform(as(team.owner().email(), get("/api/workspaces/{w}/routing/rule-set", team.id())))
                .andExpect(status().isNotFound());
        mvc.perform(as(team.lead().email(), post("/api/workspaces/{w}/routing/rule-sets/1/approval", team.id())))
                .andExpect(status().isForbidden());

        mvc.perform(as(team.owner().email(), post("/api/workspaces/{w}/routing/rule-sets/1/approval", team.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.approvedBy").value("Olga Owner"));

        mvc.perform(as(team.agent().email(), get("/api/workspaces/{w}/routing/rule-set", team.id())))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(as(
                        team.agent().email(),
                        get("/api/workspaces/{w}/routing/rule-set", team.id()).param("at", "2020-01-01T00:00:00Z")))
                .andExpect(status().isNotFound());
        mvc.perform(as(
                        team.agent().email(),
                        get("/api/workspaces/{w}/routing/rule-set", team.id())
                                .param("at", Instant.now().plusSeconds(60).toString())))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(as(team.advisor().email(), get("/api/workspaces/{w}/routing/rule-sets/1/rules", team.id())))
                .andExpect(jsonPath("$[1].conditions").value("intent is lead"))
                .andExpect(jsonPath("$[1].actions[0]").value("routed to the brand (answer within 4 business hours)"));
        mvc.perform(as(team.advisor().email(), post("/api/workspaces/{w}/routing/rule-sets", team.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().isForbidden());
    }

    @Test
    void triesADraftOverTheApi() throws Exception {
        mvc.perform(as(team.agent().email(), post("/api/workspaces/{w}/routing/trial", team.id()))
                        .param("last", "20")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messages").value(0));
        mvc.perform(as(team.agent().email(), post("/api/workspaces/{w}/routing/trial", team.id()))
                        .param("last", "100000")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("last"));
    }

    @Test
    void anotherWorkspacesRulesAreNotFound() throws Exception {
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        mvc.perform(as(other.owner().email(), post("/api/workspaces/{w}/routing/rule-sets", other.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().isCreated());

        mvc.perform(as(team.owner().email(), get("/api/workspaces/{w}/routing/rule-sets/1", other.id())))
                .andExpect(status().isNotFound());
        mvc.perform(as(team.owner().email(), get("/api/workspaces/{w}/routing/rule-sets/1", team.id())))
                .andExpect(status().isNotFound());
        mvc.perform(as(team.owner().email(), post("/api/workspaces/{w}/routing/rule-sets/1/approval", other.id())))
                .andExpect(status().isNotFound());
    }

    @Test
    void theEditorShowsEveryErrorWithItsPlace() throws Exception {
        MockHttpSession lead = signIn(team.lead().email());
        mvc.perform(post("/workspaces/{w}/routing", team.id())
                        .session(lead)
                        .with(csrf())
                        .param(
                                "ruleSet",
                                "{\"rules\": [{\"id\": \"a\", \"name\": \"A\", \"conditions\": "
                                        + "{\"field\": \"text\", \"op\": \"matches\", \"value\": \"(a+)+\"}, \"actions\": "
                                        + "[{\"type\": \"hide-spam\"}]}]}"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/rules/0/conditions/value")))
                .andExpect(content().string(Matchers.containsString("Nested repetition")));

        mvc.perform(post("/workspaces/{w}/routing", team.id())
                        .session(lead)
                        .with(csrf())
                        .param("ruleSet", RoutingFixtures.ISSUE_RULE_SET))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/workspaces/{w}/routing", team.id()).session(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Draft version")))
                .andExpect(content().string(Matchers.containsString("Waiting for a brand owner")));
        MockHttpSession owner = signIn(team.owner().email());
        mvc.perform(post("/workspaces/{w}/routing/versions/1/approval", team.id())
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        MvcResult page = mvc.perform(get("/workspaces/{w}/routing", team.id()).session(owner))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(page.getResponse().getContentAsString())
                .contains("In force: version <span>1</span>")
                .contains("Purchase leads");
        mvc.perform(get("/workspaces/{w}/routing/versions", team.id())
                        .param("at", "2020-01-01T10:00")
                        .session(owner))
                .andExpect(content().string(Matchers.containsString("no rule set was in force")));
        mvc.perform(get("/workspaces/{w}/routing/trial", team.id()).session(lead))
                .andExpect(status().isOk());
        mvc.perform(get("/workspaces/{w}/routing/edit", team.id()).session(lead))
                .andExpect(status().isOk());
    }

    @Test
    void theConversationPageShowsWhatTheRulesDid() throws Exception {
        ChannelAccount blog = channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog", List.of());
        mvc.perform(as(team.owner().email(), post("/api/workspaces/{w}/routing/rule-sets", team.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"rules": [{"id": "first-contact", "name": "First contact",
                                            "conditions": {"field": "customer", "op": "is", "value": false},
                                            "actions": [{"type": "assign", "party": "agency"}]}]}"""))
                .andExpect(status().isCreated());
        ConversationId conversation =
                ConversationId.parse(RoutingFixtures.comment(ingest, team.id(), blog, "nia", "Hallo!", Instant.now())
                        .conversationId());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mvc.perform(as(
                                team.agent().email(),
                                get("/api/workspaces/{w}/conversations/{c}/routing", team.id(), conversation)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .contains("first-contact"));

        MockHttpSession agent = signIn(team.agent().email());
        mvc.perform(get("/workspaces/{w}/conversations/{c}", team.id(), conversation)
                        .session(agent))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "/workspaces/" + team.id() + "/conversations/" + conversation + "/routing")));
        mvc.perform(get("/workspaces/{w}/conversations/{c}/routing", team.id(), conversation)
                        .session(agent))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "assigned to the agency by rule &#39;First contact&#39; v1: not a customer")));
        mvc.perform(as(
                        team.agent().email(),
                        get("/api/workspaces/{w}/conversations/{c}/routing", team.id(), conversation)))
                .andExpect(jsonPath("$[0].why").value("not a customer"))
                .andExpect(jsonPath("$[0].version").value(1));
    }

    private MockHttpServletRequestBuilder as(String email, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(email, WorkspaceFixtures.PASSWORD));
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
