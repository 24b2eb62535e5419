package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The channels page and API: who sees and does what, readable failures, and never a secret in an answer. */
@SpringBootTest
@AutoConfigureMockMvc
class ChannelPagesTests {

    private static final String SECRET = "pQ7-page-test-application-password";

    @Autowired
    MockMvc mvc;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    JdbcClient jdbc;

    final StubNetwork network = StubNetwork.get();
    ChannelFixtures fixtures;

    @BeforeEach
    void workspace() {
        fixtures = new ChannelFixtures(workspaces, directory, access, connections, jdbc);
    }

    @AfterEach
    void quiet() {
        fixtures.pauseAll();
    }

    @Test
    void showsAccountsToBrandAgentAndAdvisorAndActionsOnlyToThoseWhoMay() throws Exception {
        StubNetwork.Site site = network.site("brand", SECRET).withItems("hello");
        ChannelAccount account = fixtures.connect(site, Instant.now());

        String owner = page(signIn(fixtures.team.owner().email()), "");
        assertThat(owner)
                .contains(account.name())
                .contains("Sync now")
                .contains("Replace credential")
                .contains("Connect an account")
                .contains("Record an incident by hand")
                .doesNotContain(SECRET);

        for (String email : new String[] {
            fixtures.team.agent().email(), fixtures.team.advisor().email()
        }) {
            String readOnly = page(signIn(email), "?network=teststub");
            assertThat(readOnly)
                    .as(email)
                    .contains(account.name())
                    .contains("never synced")
                    .doesNotContain("Sync now")
                    .doesNotContain("Connect an account")
                    .doesNotContain("Record an incident")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void rendersTheConnectFormFromTheConnectorsFieldsWithTheSecretAsAPassword() throws Exception {
        String form = page(signIn(fixtures.team.owner().email()), "?network=teststub");
        assertThat(form)
                .contains("name=\"field.url\"")
                .contains("name=\"field.user\"")
                .containsPattern("type=\"password\"\\s+name=\"field.password\"");
    }

    @Test
    void aRefusedConnectionIsAReadableMessageThatNeverEchoesTheSecret() throws Exception {
        StubNetwork.Site site = network.site("brand", SECRET);
        MockHttpSession owner = signIn(fixtures.team.owner().email());

        String answer = mvc.perform(post("/workspaces/{id}/channels", fixtures.workspace())
                        .session(owner)
                        .with(csrf())
                        .param("network", "teststub")
                        .param("name", "Blog <b>bold</b>")
                        .param("field.url", site.url())
                        .param("field.user", "brand")
                        .param("field.password", "wrong-" + SECRET))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(answer)
                .contains("The site refused the user &#39;brand&#39; with this password.")
                .contains(site.url())
                .contains("Blog &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain(SECRET);
        assertThat(accounts.of(fixtures.workspace())).isEmpty();

        mvc.perform(post("/workspaces/{id}/channels", fixtures.workspace())
                        .session(owner)
                        .with(csrf())
                        .param("network", "teststub")
                        .param("name", "Blog")
                        .param("field.url", site.url())
                        .param("field.user", "brand")
                        .param("field.password", SECRET))
                .andExpect(status().is3xxRedirection());
        assertThat(page(owner, "")).contains("Blog is connected.").doesNotContain(SECRET);
    }

    @Test
    void showsABannerWhenACredentialStoppedWorkingAndSyncsOnRequest() throws Exception {
        StubNetwork.Site site = network.site("brand", SECRET).withItems("one", "two", "three");
        ChannelAccount account = fixtures.connect(site, Instant.now().plusSeconds(3600));
        MockHttpSession owner = signIn(fixtures.team.owner().email());

        mvc.perform(post("/workspaces/{id}/channels/{a}/sync", fixtures.workspace(), account.id())
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page(owner, "")).contains("Synced: 3 new item(s).");

        site.password = "rotated";
        mvc.perform(post("/workspaces/{id}/channels/{a}/sync", fixtures.workspace(), account.id())
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String agentView = page(signIn(fixtures.team.agent().email()), "");
        assertThat(agentView)
                .contains("credential stopped working; syncing has stopped until it is replaced")
                .contains("credential refused");
    }

    @Test
    void removalNeedsConfirmationAndKeepsTheAccountListed() throws Exception {
        StubNetwork.Site site = network.site("brand", SECRET);
        ChannelAccount account = fixtures.connect(site, Instant.now().plusSeconds(3600));
        MockHttpSession owner = signIn(fixtures.team.owner().email());

        mvc.perform(post("/workspaces/{id}/channels/{a}/remove", fixtures.workspace(), account.id())
                        .session(owner)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page(owner, "")).contains("Tick the box to confirm the removal.");
        assertThat(accounts.health(fixtures.workspace(), account.id()).state()).isEqualTo(AccountState.ACTIVE);

        mvc.perform(post("/workspaces/{id}/channels/{a}/remove", fixtures.workspace(), account.id())
                        .session(owner)
                        .with(csrf())
                        .param("confirm", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(page(owner, "")).contains(account.name()).contains("removed");
    }

    @Test
    void theApiConnectsWithoutEverReturningTheSecretAndNamesWhatWasWrong() throws Exception {
        StubNetwork.Site site = network.site("brand", SECRET);
        String owner = fixtures.team.owner().email();

        mvc.perform(post("/api/workspaces/{id}/channel-accounts", fixtures.workspace())
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"teststub\",\"name\":\"Blog\",\"settings\":{\"url\":\"" + site.url()
                                + "\",\"user\":\"brand\"},\"secret\":\"nope\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/connect-failed"))
                .andExpect(jsonPath("$.kind").value("CREDENTIALS"))
                .andExpect(jsonPath("$.errors[0].field").value("password"));

        String created = mvc.perform(post("/api/workspaces/{id}/channel-accounts", fixtures.workspace())
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"teststub\",\"name\":\"Blog\",\"settings\":{\"url\":\"" + site.url()
                                + "\",\"user\":\"brand\"},\"secret\":\"" + SECRET + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.network").value("teststub"))
                .andExpect(jsonPath("$.state").value("ACTIVE"))
                .andExpect(jsonPath("$.hasCredential").value(true))
                .andExpect(jsonPath("$.settings.user").value("brand"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(created).doesNotContain(SECRET);
        String id = created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");

        String listed = mvc.perform(get("/api/workspaces/{id}/channel-accounts", fixtures.workspace())
                        .with(httpBasic(fixtures.team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(listed).contains("Blog").doesNotContain(SECRET);

        mvc.perform(post("/api/workspaces/{id}/channel-accounts/{a}/sync", fixtures.workspace(), id)
                        .with(httpBasic(fixtures.team.agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/workspaces/{id}/channel-accounts/{a}/sync", fixtures.workspace(), id)
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("SYNCED"));

        mvc.perform(post("/api/workspaces/{id}/incidents", fixtures.workspace())
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountId\":\"" + id + "\",\"startedAt\":\"2026-01-05T10:00:00Z\","
                                + "\"endedAt\":\"2026-01-05T11:00:00Z\",\"cause\":\"The network was down\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.source").value("MANUAL"));
        mvc.perform(get(
                                "/api/workspaces/{id}/incidents?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z",
                                fixtures.workspace())
                        .with(httpBasic(fixtures.team.advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].cause").value("The network was down"));

        mvc.perform(delete("/api/workspaces/{id}/channel-accounts/{a}", fixtures.workspace(), id)
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/workspaces/{id}/channel-accounts/{a}", fixtures.workspace(), id)
                        .with(httpBasic(owner, WorkspaceFixtures.PASSWORD)))
                .andExpect(jsonPath("$.state").value("REMOVED"))
                .andExpect(jsonPath("$.hasCredential").value(false));
    }

    @Test
    void theApiStillRecordsAccountsWithoutAConnector() throws Exception {
        mvc.perform(post("/api/workspaces/{id}/channel-accounts", fixtures.workspace())
                        .with(httpBasic(fixtures.team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"blog\",\"name\":\"Blog\",\"brandHandles\":[\"Baeckerei\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.brandHandles[0]").value("baeckerei"))
                .andExpect(jsonPath("$.synced").value(false));
    }

    private String page(MockHttpSession session, String query) throws Exception {
        return mvc.perform(get("/workspaces/" + fixtures.workspace() + "/channels" + query)
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
