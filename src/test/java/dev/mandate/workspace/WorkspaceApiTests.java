package dev.mandate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.mandate.account.AccountDirectory;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The workspace API and the mandate page: who may do what, and what a refused or invalid request leaves behind. */
@SpringBootTest
@AutoConfigureMockMvc
class WorkspaceApiTests {

    private static final String ADMIN = "admin@mandate.local";
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    WorkspaceFixtures.Team team;

    @BeforeEach
    void brandWithAgency() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
    }

    @Test
    void refusesAMandateChangeByTheAdvisor() throws Exception {
        String before = mandateJson();

        putMandate(team.advisor(), terms("Advisor's Agency", "2026-02-01", null), version())
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void refusesTheAdvisorEvenWithAStaleVersion() throws Exception {
        putMandate(team.advisor(), terms("Advisor's Agency", "2026-02-01", null), version() - 1)
                .andExpect(status().isForbidden());
    }

    @Test
    void changesTheMandateForTheOwnerAndRecordsItInTheAuditTrail() throws Exception {
        long version = version();

        putMandate(team.owner(), terms("New Agency", "2026-02-01", "2026-12-31"), version)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.terms.agencyName").value("New Agency"))
                .andExpect(jsonPath("$.terms.endsOn").value("2026-12-31"))
                .andExpect(jsonPath("$.version").value(version + 1));

        String trail = mvc.perform(get("/api/workspaces/{id}/audit", team.id()).with(as(team.owner())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(trail, "$[0].action")).isEqualTo("mandate.changed");
        assertThat((String) JsonPath.read(trail, "$[0].actorId"))
                .isEqualTo(team.owner().account().id().toString());
        assertThat((String) JsonPath.read(trail, "$[0].party")).isEqualTo("BRAND");
        assertThat((String) JsonPath.read(trail, "$[0].details"))
                .contains("New Agency")
                .contains("2026-12-31");
    }

    @Test
    void refusesAMandateChangeFromAStaleVersion() throws Exception {
        long version = version();
        putMandate(team.owner(), terms("First Agency", "2026-02-01", null), version)
                .andExpect(status().isOk());
        String before = mandateJson();

        putMandate(team.owner(), terms("Second Agency", "2026-02-01", null), version)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void keepsTheVersionWhenTheMandateIsSavedUnchanged() throws Exception {
        long version = version();
        String unchanged = """
                {"agencyName": "Agency GmbH", "startsOn": "2026-01-01", "endsOn": null,
                 "scope": ["COMMUNITY_REPLIES", "MONITORING"], "replyTopics": ["opening hours"],
                 "noticePeriodDays": 30, "successor": null}
                """;

        putMandate(team.owner(), unchanged, version)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version));

        // so another owner's form, opened before that save, still saves
        putMandate(team.owner(), terms("Other Agency", "2026-01-01", null), version)
                .andExpect(status().isOk());
    }

    @Test
    void rejectsABlankAgencyNameNamingTheField() throws Exception {
        String before = mandateJson();

        putMandate(team.owner(), terms(" ", "2026-02-01", null), version())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("agencyName")));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void rejectsAnEndBeforeTheStartNamingTheField() throws Exception {
        String before = mandateJson();

        putMandate(team.owner(), terms("New Agency", "2026-02-01", "2026-01-31"), version())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("endsOn")));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void rejectsAMissingTermsObjectNamingTheField() throws Exception {
        String before = mandateJson();

        mvc.perform(put("/api/workspaces/{id}/mandate", team.id())
                        .with(as(team.owner()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("terms")));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        String before = mandateJson();

        mvc.perform(put("/api/workspaces/{id}/mandate", team.id())
                        .with(as(team.owner()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"terms\": {\"agencyName\": \"New Agency\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/unreadable-body"))
                .andExpect(jsonPath("$.detail", not(containsString("Exception"))));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void letsOnlyTheAdministratorCreateWorkspaces() throws Exception {
        String ownerEmail = "api-owner-" + UUID.randomUUID() + "@example.com";
        String body = """
                {"name": "Brand via API", "timeZone": "Europe/Vienna", "ownerEmail": "%s", "ownerName": "Otto"}
                """.formatted(ownerEmail);

        mvc.perform(post("/api/workspaces")
                        .with(as(team.owner()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(accounts.findByEmail(ownerEmail)).isEmpty();

        mvc.perform(post("/api/workspaces")
                        .with(httpBasic(ADMIN, ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/workspaces/")))
                .andExpect(jsonPath("$.name").value("Brand via API"))
                .andExpect(jsonPath("$.timeZone").value("Europe/Vienna"))
                .andExpect(jsonPath("$.owner.email").value(ownerEmail))
                .andExpect(jsonPath("$.owner.role").value("OWNER"))
                .andExpect(jsonPath("$.owner.activated").value(false))
                .andExpect(jsonPath("$.owner.setupPath", startsWith("/invitations/")));
    }

    @Test
    void letsAnAgencyLeadInviteAnAgentButNotStaff() throws Exception {
        String agent = "api-agent-" + UUID.randomUUID() + "@example.com";
        String staff = "api-staff-" + UUID.randomUUID() + "@example.com";

        invite(team.lead(), agent, "AGENT")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(agent))
                .andExpect(jsonPath("$.role").value("AGENT"))
                .andExpect(jsonPath("$.setupPath", startsWith("/invitations/")));
        invite(team.lead(), staff, "STAFF")
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        String members = mvc.perform(
                        get("/api/workspaces/{id}/members", team.id()).with(as(team.owner())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(members).contains(agent).doesNotContain(staff);
    }

    @Test
    void showsTheAuditTrailToBrandAndAdvisorButNotTheAgency() throws Exception {
        mvc.perform(get("/api/workspaces/{id}/audit", team.id()).with(as(team.lead())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/workspaces/{id}/audit", team.id()).with(as(team.agent())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/workspaces/{id}/audit", team.id()).with(as(team.advisor())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].action", hasItem("workspace.created")));
        mvc.perform(get("/api/workspaces/{id}/audit", team.id()).with(as(team.staff())))
                .andExpect(status().isOk());
    }

    @Test
    void showsTheMandateFormAgainWithTheErrorForAnEndBeforeTheStart() throws Exception {
        String before = mandateJson();

        mvc.perform(post("/workspaces/{id}/mandate", team.id())
                        .session(signIn(team.owner()))
                        .with(csrf())
                        .param("agencyName", "Page Agency")
                        .param("startsOn", "2026-03-01")
                        .param("endsOn", "2026-02-01")
                        .param("noticePeriodDays", "30")
                        .param("version", Long.toString(version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The mandate cannot end before it starts.")))
                .andExpect(content().string(containsString("value=\"Page Agency\"")));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void showsTheMandateFormAgainWithTheErrorForATooLongAgencyName() throws Exception {
        String before = mandateJson();

        mvc.perform(post("/workspaces/{id}/mandate", team.id())
                        .session(signIn(team.owner()))
                        .with(csrf())
                        .param("agencyName", "A".repeat(121))
                        .param("startsOn", "2026-03-01")
                        .param("noticePeriodDays", "30")
                        .param("version", Long.toString(version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("at most 120 characters")));

        assertThat(mandateJson()).isEqualTo(before);
    }

    @Test
    void showsTheMandateFormToTheOwnerOnly() throws Exception {
        mvc.perform(get("/workspaces/{id}/mandate", team.id()).session(signIn(team.owner())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"agencyName\"")));

        mvc.perform(get("/workspaces/{id}/mandate", team.id()).session(signIn(team.advisor())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Agency GmbH")))
                .andExpect(content().string(not(containsString("name=\"agencyName\""))))
                .andExpect(content().string(containsString("Only the brand's owners change the mandate.")));
    }

    private ResultActions putMandate(WorkspaceFixtures.Person who, String terms, long version) throws Exception {
        return mvc.perform(put("/api/workspaces/{id}/mandate", team.id())
                .with(as(who))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"terms\": " + terms + ", \"version\": " + version + "}"));
    }

    private ResultActions invite(WorkspaceFixtures.Person who, String email, String role) throws Exception {
        return mvc.perform(post("/api/workspaces/{id}/members", team.id())
                .with(as(who))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"email\": \"%s\", \"displayName\": \"Newcomer\", \"role\": \"%s\"}".formatted(email, role)));
    }

    private static String terms(String agencyName, String startsOn, String endsOn) {
        return """
                {"agencyName": "%s", "startsOn": "%s", "endsOn": %s, "scope": ["MONITORING"],
                 "replyTopics": ["opening hours"], "noticePeriodDays": 30, "successor": null}
                """.formatted(agencyName, startsOn, endsOn == null ? "null" : "\"" + endsOn + "\"");
    }

    private String mandateJson() throws Exception {
        return mvc.perform(get("/api/workspaces/{id}/mandate", team.id()).with(as(team.owner())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long version() throws Exception {
        return ((Number) JsonPath.read(mandateJson(), "$.version")).longValue();
    }

    private MockHttpSession signIn(WorkspaceFixtures.Person who) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", who.email())
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession();
    }

    private static RequestPostProcessor as(WorkspaceFixtures.Person who) {
        return httpBasic(who.email(), WorkspaceFixtures.PASSWORD);
    }
}
