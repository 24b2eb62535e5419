package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.Actor;
import dev.mandate.shared.OutboundAddresses;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Channels as they run by default, with private addresses refused: an account whose address lies inside Mandate's
 * own network is not connected (a problem naming the field over the API, a readable message on the page), and an
 * account whose address has come to lie there fails its sync with the reason in its health.
 */
@SpringBootTest(properties = "mandate.channel.allow-private-addresses=false")
@AutoConfigureMockMvc
class ChannelAddressesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OutboundAddresses addresses;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    ChannelSync sync;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

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
    void refusesPrivateAddressesByDefault() {
        assertThat(addresses.allowsPrivate()).isFalse();
    }

    @Test
    void theApiRefusesAFeedInsideItsOwnNetworkNamingTheField() throws Exception {
        mvc.perform(post("/api/workspaces/{id}/channel-accounts", fixtures.workspace())
                        .with(httpBasic(fixtures.team.owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"feed\",\"name\":\"Metadata\","
                                + "\"settings\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/address-not-allowed"))
                .andExpect(jsonPath("$.kind").value("CONFIGURATION"))
                .andExpect(jsonPath("$.errors[0].field").value("url"))
                .andExpect(jsonPath("$.detail")
                        .value("The host 169.254.169.254 is an internal address (169.254.169.254);"
                                + " Mandate does not call into the network it runs in."));

        assertThatThrownBy(() -> connections.connect(
                        fixtures.owner,
                        "wordpress",
                        "Blog",
                        Map.of("url", "http://127.0.0.1:8080", "user", "brand", "password", "xxxx xxxx xxxx xxxx")))
                .isInstanceOfSatisfying(CouldNotConnect.class, e -> {
                    assertThat(e.getBody().getType().toString()).endsWith("/address-not-allowed");
                    assertThat(e.getBody().getProperties().get("errors").toString())
                            .contains("field=url");
                });
        assertThat(accounts.of(fixtures.workspace())).isEmpty();
        assertThat(fixtures.audited("channel.connect-failed")).isEqualTo(2);
    }

    @Test
    void theChannelsPageSaysWhyAnAddressIsNotConnected() throws Exception {
        MvcResult signedIn = mvc.perform(post("/login")
                        .param("email", fixtures.team.owner().email())
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        String page = mvc.perform(post("/workspaces/{id}/channels", fixtures.workspace())
                        .session((MockHttpSession) signedIn.getRequest().getSession())
                        .with(csrf())
                        .param("network", "feed")
                        .param("name", "Intranet")
                        .param("field.url", "http://10.0.0.1/news.rss"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("The host 10.0.0.1 is an internal address");
        assertThat(accounts.of(fixtures.workspace())).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void failsTheSyncOfAnAccountWhoseAddressLiesInsideWithTheReasonInItsHealth(CapturedOutput output) {
        ChannelAccount inside = stored("feed", Map.of("url", "http://127.0.0.1:9/feed"));
        ChannelAccount withPassword = stored("feed", Map.of("url", "http://reader:hunter2@news.example/feed"));

        SyncResult refused = sync.syncNow(fixtures.workspace(), inside.id());
        assertThat(refused.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(refused.failure()).isEqualTo("CONFIGURATION");
        AccountHealth health = accounts.health(fixtures.workspace(), inside.id());
        assertThat(health.lastErrorKind()).isEqualTo("CONFIGURATION");
        assertThat(health.lastErrorMessage()).contains("127.0.0.1 is an internal address");

        assertThat(sync.syncNow(fixtures.workspace(), withPassword.id()).failure())
                .isEqualTo("CONFIGURATION");
        assertThat(accounts.health(fixtures.workspace(), withPassword.id()).lastErrorMessage())
                .contains("must not carry a user name or password")
                .doesNotContain("hunter2");
        assertThat(output.getAll()).contains("internal address").doesNotContain("hunter2");
    }

    /** An account stored as if connected earlier, when its address was allowed or resolved elsewhere. */
    private ChannelAccount stored(String network, Map<String, String> settings) {
        ChannelAccount account = new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()),
                fixtures.workspace(),
                network,
                network + " " + UUID.randomUUID().toString().substring(0, 8),
                List.of(),
                Instant.now());
        return transactions.execute(
                status -> accounts.connectVerified(account, Actor.SYSTEM, settings, null, Duration.ofMinutes(5)));
    }
}
