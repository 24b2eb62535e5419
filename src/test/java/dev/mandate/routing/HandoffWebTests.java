package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.mandate.account.AccountDirectory;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Inbox;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Hand-offs, the briefing and the report through the pages and the API, as each party sees them. */
@SpringBootTest
@AutoConfigureMockMvc
class HandoffWebTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Briefing briefing;

    @Autowired
    InterfaceReports reports;

    @Autowired
    Handoffs handoffs;

    HandoffFixtures f;
    ConversationId conversation;
    String base;

    @BeforeEach
    void aConversation() {
        f = new HandoffFixtures(workspaces, accounts, inbox);
        conversation = f.question("Can I get an invoice for my order?", "en");
        base = "/api/workspaces/" + f.team.id();
    }

    @Test
    void handsOverAndAnswersThroughTheApiAndRefusesTheAdvisorWithAProblem() throws Exception {
        String created = mvc.perform(post(base + "/conversations/" + conversation + "/handoffs")
                        .with(httpBasic(f.team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"question\":\"Do we send invoices?\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(created, "$.id");

        mvc.perform(post(base + "/handoffs/" + id + "/answer")
                        .with(httpBasic(f.team.advisor().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"answer\":\"Advisors cannot\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(base + "/handoffs/" + id)
                        .with(httpBasic(f.team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("OPEN"));
        mvc.perform(get(base + "/handoffs/counts").with(httpBasic(f.team.lead().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(jsonPath("$.open").value(1))
                .andExpect(jsonPath("$.overdue").value(0));

        mvc.perform(post(base + "/handoffs/" + id + "/answer")
                        .with(httpBasic(f.team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"answer\":\"Yes, by e-mail with every order.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ANSWERED"))
                .andExpect(jsonPath("$.answer").value("Yes, by e-mail with every order."));
        mvc.perform(post(base + "/handoffs/" + id + "/briefing")
                        .with(httpBasic(f.team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.question").value("Do we send invoices?"));
        mvc.perform(get(base + "/briefing/suggestions")
                        .param("text", "Where are my invoices?")
                        .param("language", "en")
                        .with(httpBasic(f.team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(jsonPath("$[0].entry.question").value("Do we send invoices?"))
                .andExpect(jsonPath("$[0].matched[0]").value("invoices"));
    }

    @Test
    void answersAnotherWorkspacesIdsAsNotFound() throws Exception {
        HandoffFixtures other = new HandoffFixtures(workspaces, accounts, inbox);
        mvc.perform(post(base + "/conversations/" + conversation + "/handoffs")
                        .with(httpBasic(other.team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"question\":\"?\"}"))
                .andExpect(status().isNotFound());
        String otherBase = "/api/workspaces/" + other.team.id();
        mvc.perform(post(otherBase + "/conversations/" + conversation + "/handoffs")
                        .with(httpBasic(other.team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"question\":\"?\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void refusesAnInternalWebhookUrlWhenTheBrandSavesIt() throws Exception {
        mvc.perform(put(base + "/handoffs/settings")
                        .with(httpBasic(f.team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"emails\":[],\"webhookUrl\":\"https://169.254.169.254/latest\","
                                + "\"secret\":\"a-long-enough-secret\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("internal address")));
        mvc.perform(put(base + "/handoffs/settings")
                        .with(httpBasic(f.team.lead().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"emails\":[\"a@b.example\"]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void showsTheHandoffPanelSuggestionsAndCountOnThePagesAndInsertsAnAnswer() throws Exception {
        BriefingEntry entry = briefing.create(
                f.owner, BriefingTests.draft("Do we send invoices?", "Yes, with every order.", null, null));
        MockHttpSession agent = signIn(f.team.agent().email());
        String pages = "/workspaces/" + f.team.id();

        String page = mvc.perform(get(pages + "/conversations/" + conversation).session(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("hx-get=\"" + pages + "/conversations/" + conversation + "/handoffs\"")
                .contains("hx-get=\"" + pages + "/conversations/" + conversation + "/suggestions\"")
                .contains("/handoffs/count");

        mvc.perform(post(pages + "/conversations/" + conversation + "/handoffs")
                        .session(agent)
                        .with(csrf())
                        .param("question", "Invoices with VAT?"))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get(pages + "/conversations/" + conversation + "/handoffs")
                                .session(agent))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Invoices with VAT?", "Open")
                .doesNotContain("Answer the agency");
        assertThat(mvc.perform(get(pages + "/handoffs/count").session(agent))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(">1<");
        assertThat(mvc.perform(get(pages + "/handoffs").param("show", "open").session(agent))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Invoices with VAT?", "1 open");

        MockHttpSession owner = signIn(f.team.owner().email());
        assertThat(mvc.perform(get(pages + "/conversations/" + conversation + "/handoffs")
                                .session(owner))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Answer the agency", "Take over", "Return to the agency");

        String suggestions = mvc.perform(get(pages + "/conversations/" + conversation + "/suggestions")
                        .session(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(suggestions)
                .contains("Do we send invoices?", "Yes, with every order.", "data-insert-url", "invoice");

        mvc.perform(post(pages + "/conversations/" + conversation + "/insertions")
                        .session(agent)
                        .with(csrf())
                        .param("kind", "briefing")
                        .param("item", entry.id().toString()))
                .andExpect(status().isOk())
                .andExpect(content().string("Yes, with every order."));
        assertThat(reports.report(f.owner, 1).briefingUsed())
                .extracting(InterfaceReport.Use::uses)
                .containsExactly(1);

        MockHttpSession advisor = signIn(f.team.advisor().email());
        mvc.perform(get(pages + "/briefing").session(advisor)).andExpect(status().isOk());
        mvc.perform(get(pages + "/briefing/" + entry.id()).session(advisor)).andExpect(status().isOk());
        mvc.perform(get(pages + "/handoffs/report").session(advisor))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Hand-offs per week")));
    }

    @Test
    void letsTheBrandWorkThroughThePageForms() throws Exception {
        MockHttpSession owner = signIn(f.team.owner().email());
        String pages = "/workspaces/" + f.team.id();
        Handoff handoff = handoffs.open(f.agent, conversation, "Do we send invoices?", null);

        mvc.perform(post(pages + "/handoffs/settings")
                        .session(owner)
                        .with(csrf())
                        .param("emails", "desk@brand.test, crm@brand.test")
                        .param("webhookUrl", "http://crm.example/hook")
                        .param("secret", "a-long-enough-secret"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", "A webhook URL must start with https://."));
        mvc.perform(post(pages + "/handoffs/settings")
                        .session(owner)
                        .with(csrf())
                        .param("emails", "desk@brand.test, crm@brand.test"))
                .andExpect(flash().attribute("notice", "Saved."));
        mvc.perform(post(pages + "/handoffs/" + handoff.id() + "/answer")
                        .session(owner)
                        .with(csrf())
                        .param("answer", "Yes, with every order."))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Answered; the agency has it."));
        String entryPage = mvc.perform(post(pages + "/handoffs/" + handoff.id() + "/briefing")
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(mvc.perform(get(entryPage).session(owner))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Do we send invoices?", "Yes, with every order.", "Remove from the briefing");
        mvc.perform(post(pages + "/briefing")
                        .session(owner)
                        .with(csrf())
                        .param("question", "Parking?")
                        .param("answerDe", "Hinter dem Laden.")
                        .param("tags", "parking directions")
                        .param("validUntil", "2020-01-01"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(pages + "/canned-replies")
                        .session(owner)
                        .with(csrf())
                        .param("title", "Thanks")
                        .param("body", "Thank you, {customer_name}!"))
                .andExpect(flash().attribute("notice", "Canned reply saved."));

        assertThat(mvc.perform(get(pages + "/briefing").session(owner))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(
                        "Do we send invoices?",
                        "Parking?",
                        "#parking",
                        "past its date (2020-01-01)",
                        "Thank you, {customer_name}!",
                        "New entry");
        assertThat(mvc.perform(get(pages + "/briefing").param("q", "invoice").session(owner))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Do we send invoices?")
                .doesNotContain("Parking?");
        assertThat(mvc.perform(get(pages + "/handoffs").param("show", "all").session(owner))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Do we send invoices?", "Answered", "desk@brand.test", "handoff.opened", "queued");
        mvc.perform(get(pages + "/handoffs").param("show", "someday").session(owner))
                .andExpect(status().isBadRequest());
    }

    @Test
    void exportsTheReportAsCsvAndJson() throws Exception {
        mvc.perform(post(base + "/conversations/" + conversation + "/handoffs")
                        .with(httpBasic(f.team.agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"question\":\"=HYPERLINK(\\\"x\\\")\"}"))
                .andExpect(status().isCreated());

        String csv = mvc.perform(get(base + "/handoffs/report.csv")
                        .with(httpBasic(f.team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv)
                .startsWith("metric,key,value\r\n")
                .contains("handoffs_opened,", ",1\r\n", "handoffs_by_rule,(people),1");
        mvc.perform(get(base + "/handoffs/report").with(httpBasic(f.team.owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.weeks[0].opened").value(1))
                .andExpect(jsonPath("$.rules[0].handoffs").value(1));
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn()
                .getRequest()
                .getSession();
    }
}
