package dev.mandate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
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
import org.springframework.test.web.servlet.MvcResult;

/** The sources page: connecting accounts, and the ingest token shown once to the owner who makes it. */
@SpringBootTest
@AutoConfigureMockMvc
class SourcePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    WorkspaceFixtures.Team team;

    @BeforeEach
    void team() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
    }

    @Test
    void showsANewTokenOnceAndItOpensTheIngestEndpoint() throws Exception {
        MockHttpSession owner = signIn(team.owner().email());
        MvcResult made = mvc.perform(post("/workspaces/{id}/ingest-token", team.id())
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String token = (String) made.getFlashMap().get("token");
        assertThat(token).startsWith(IngestTokens.PREFIX);

        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .andExpect(status().isOk());
        assertThat(page(owner)).as("the page the owner is sent to").contains(token);
        assertThat(page(owner))
                .as("and never again")
                .contains("This workspace has an ingest token")
                .doesNotContain(token);
    }

    @Test
    void letsTheBrandConnectAnAccountAndShowsItsNameAsText() throws Exception {
        MockHttpSession owner = signIn(team.owner().email());
        mvc.perform(post("/workspaces/{id}/sources", team.id())
                        .session(owner)
                        .with(csrf())
                        .param("network", "WordPress")
                        .param("name", "Blog <script>alert(1)</script>")
                        .param("brandHandles", "Baeckerei, info@baeckerei.example"))
                .andExpect(status().is3xxRedirection());
        String page = page(owner);
        assertThat(page)
                .contains("Blog &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)")
                .contains("wordpress")
                .contains("baeckerei, info@baeckerei.example");
    }

    @Test
    void refusesAgentsAndAdvisorsWithAReadableMessage() throws Exception {
        MockHttpSession agent = signIn(team.agent().email());
        String refused = mvc.perform(post("/workspaces/{id}/sources", team.id())
                        .session(agent)
                        .with(csrf())
                        .param("network", "mastodon")
                        .param("name", "Mastodon"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("Only the brand and the agency lead connect accounts.");
        assertThat(page(agent)).doesNotContain("Connect an account").contains("No accounts yet.");

        MockHttpSession advisor = signIn(team.advisor().email());
        mvc.perform(post("/workspaces/{id}/ingest-token", team.id())
                        .session(advisor)
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }

    private String page(MockHttpSession session) throws Exception {
        return mvc.perform(get("/workspaces/{id}/sources", team.id())
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
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
}
