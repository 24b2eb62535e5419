package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connecting accounts through their connector: checked at the network first, the secret kept in the vault only. */
@SpringBootTest
class ChannelConnectionsTests {

    private static final String SECRET = "xK9f-stub-application-password";

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    Incidents incidents;

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
    void aWrongSecretStoresNothingButTheFailedAttemptInTheAuditTrail() {
        StubNetwork.Site site = network.site("brand", SECRET);
        String wrong = "wrong-" + SECRET;

        assertThatThrownBy(() -> connections.connect(
                        fixtures.owner,
                        "teststub",
                        "Blog",
                        Map.of("url", site.url(), "user", "brand", "password", wrong)))
                .isInstanceOfSatisfying(CouldNotConnect.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CREDENTIALS);
                    assertThat(e.getMessage()).contains("refused the user 'brand'");
                    assertThat(e.getBody().getProperties().get("errors").toString())
                            .contains("password");
                });

        assertThat(accounts.of(fixtures.workspace())).isEmpty();
        assertThat(secretsHeld()).isZero();
        assertThat(fixtures.audited("channel.connect-failed")).isEqualTo(1);
        assertThat(fixtures.audited("channel.account-connected")).isZero();
        String trail = jdbc.sql("select string_agg(details::text, ' ') from audit.entry where workspace_id = :w")
                .param("w", fixtures.workspace().value())
                .query(String.class)
                .single();
        assertThat(trail).contains("teststub").contains("CREDENTIALS").doesNotContain(SECRET);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noLogLineContainsASecret(CapturedOutput output) {
        String first = "first-Zq81-" + SECRET;
        String second = "second-Zq82-" + SECRET;
        StubNetwork.Site site = network.site("brand", first).withItems("one", "two");
        assertThatThrownBy(() -> connections.connect(
                        fixtures.owner,
                        "teststub",
                        "Blog",
                        Map.of("url", site.url(), "user", "brand", "password", "wrong-" + first)))
                .isInstanceOf(CouldNotConnect.class);
        ChannelAccount account = fixtures.connect(site, Instant.now());
        assertThat(sync.syncNow(fixtures.workspace(), account.id()).stored()).isEqualTo(2);
        site.password = second;
        assertThat(sync.syncNow(fixtures.workspace(), account.id()).failure()).isEqualTo("CREDENTIALS");
        connections.replaceCredential(fixtures.owner, account.id(), second);
        site.then(StubNetwork.Answer.status(503));
        assertThat(sync.syncNow(fixtures.workspace(), account.id()).failure()).isEqualTo("UNAVAILABLE");

        assertThat(output.getAll())
                .contains("failed: CREDENTIALS")
                .contains("failed: UNAVAILABLE")
                .doesNotContain(first)
                .doesNotContain(second);
    }

    @Test
    void aSiteThatIsNotThereIsAClearMessage() {
        assertThatThrownBy(() -> connections.connect(
                        fixtures.owner,
                        "teststub",
                        "Blog",
                        Map.of("url", network.base() + "/sites/nothing-here", "user", "brand", "password", SECRET)))
                .isInstanceOfSatisfying(CouldNotConnect.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorFailure.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("There is no stub API at");
                });
        assertThat(accounts.of(fixtures.workspace())).isEmpty();
    }

    @Test
    void storesTheSettingsWithTheAccountAndTheSecretInTheVaultOnly() {
        StubNetwork.Site site = network.site("Brand", SECRET);

        ChannelAccount account = connections.connect(
                fixtures.owner,
                "TestStub",
                "  Our stub blog ",
                Map.of("url", site.url(), "user", "Brand", "password", SECRET, "unasked", "ignored"));

        assertThat(account.name()).isEqualTo("Our stub blog");
        assertThat(account.brandHandles()).as("from the network's answer").containsExactly("brand");
        AccountHealth health = accounts.health(fixtures.workspace(), account.id());
        assertThat(health.settings()).containsOnly(Map.entry("url", site.url()), Map.entry("user", "Brand"));
        assertThat(health.hasCredential()).isTrue();
        assertThat(health.synced()).isTrue();
        assertThat(health.state()).isEqualTo(AccountState.ACTIVE);
        assertThat(secretsHeld()).isEqualTo(1);
        String row = jdbc.sql("select row_to_json(a)::text from channel.account a where id = :id")
                .param("id", account.id().value())
                .query(String.class)
                .single();
        assertThat(row).doesNotContain(SECRET);
        assertThat(fixtures.audited("channel.account-connected")).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownNetworkAndMissingFieldsByName() {
        assertThatThrownBy(() -> connections.connect(fixtures.owner, "myspace", "Old", Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("network");
                    assertThat(e.getMessage())
                            .contains("no connector for the network 'myspace'")
                            .contains("teststub");
                });
        assertThatThrownBy(() ->
                        connections.connect(fixtures.owner, "teststub", "Blog", Map.of("user", "u", "password", "p")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() ->
                        connections.connect(fixtures.owner, "teststub", "Blog", Map.of("url", "http://x", "user", "u")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(fixtures.audited("channel.connect-failed"))
                .as("nothing reached the network")
                .isZero();
    }

    @Test
    void onlyTheBrandAndTheAgencyLeadConnect() {
        StubNetwork.Site site = network.site("brand", SECRET);
        Map<String, String> values = Map.of("url", site.url(), "user", "brand", "password", SECRET);
        var agent = access.require(fixtures.workspace(), fixtures.team.agent().account());
        var advisor =
                access.require(fixtures.workspace(), fixtures.team.advisor().account());
        var lead = access.require(fixtures.workspace(), fixtures.team.lead().account());

        assertThatThrownBy(() -> connections.connect(agent, "teststub", "Blog", values))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> connections.connect(advisor, "teststub", "Blog", values))
                .isInstanceOf(Forbidden.class);
        assertThat(site.verifications).hasValue(0);

        ChannelAccount account = connections.connect(lead, "teststub", "Blog", values);
        assertThatThrownBy(() -> connections.remove(agent, account.id())).isInstanceOf(Forbidden.class);
        assertThatThrownBy(
                        () -> incidents.add(agent, account.id(), Instant.now().minusSeconds(60), null, "down"))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void testsAnAccountAgainAndTakesOnlyANewCredentialThatWorks() {
        StubNetwork.Site site = network.site("brand", SECRET);
        ChannelAccount account = fixtures.connect(site, Instant.now());

        assertThat(connections.test(fixtures.owner, account.id()).displayName()).isEqualTo("Stub site of brand");

        site.password = "rotated-" + SECRET;
        assertThatThrownBy(() -> connections.test(fixtures.owner, account.id())).isInstanceOf(CouldNotConnect.class);
        assertThat(accounts.health(fixtures.workspace(), account.id()).credentialsFailed())
                .isTrue();
        assertThat(fixtures.audited("channel.credentials-failed")).isEqualTo(1);

        assertThatThrownBy(() -> connections.replaceCredential(fixtures.owner, account.id(), "still-wrong"))
                .isInstanceOf(CouldNotConnect.class);
        assertThat(accounts.health(fixtures.workspace(), account.id()).credentialsFailed())
                .isTrue();

        connections.replaceCredential(fixtures.owner, account.id(), "rotated-" + SECRET);
        AccountHealth health = accounts.health(fixtures.workspace(), account.id());
        assertThat(health.credentialsFailed()).isFalse();
        assertThat(secretsHeld()).isEqualTo(1);
        assertThat(fixtures.audited("channel.account-credential-replaced")).isEqualTo(1);
    }

    @Test
    void recordsAndEndsIncidentsByHandAndAnswersWhichOverlapAPeriod() {
        StubNetwork.Site site = network.site("brand", SECRET);
        ChannelAccount account = fixtures.connect(site, Instant.now());
        Instant now = Instant.now();

        Incident past = incidents.add(
                fixtures.owner, account.id(), now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(4)), "X down");
        Incident open = incidents.add(fixtures.owner, account.id(), now.minus(Duration.ofHours(1)), null, "Slow API");

        assertThat(incidents.during(fixtures.workspace(), now.minus(Duration.ofHours(3)), now))
                .extracting(Incident::id)
                .containsExactly(open.id());
        assertThat(incidents.during(fixtures.workspace(), now.minus(Duration.ofHours(6)), now))
                .extracting(Incident::id)
                .containsExactly(past.id(), open.id());

        Incident ended = incidents.end(fixtures.owner, open.id(), null);
        assertThat(ended.endedAt()).isNotNull();
        assertThat(ended.source()).isEqualTo(Incident.Source.MANUAL);
        assertThat(ended.createdBy()).isEqualTo(fixtures.owner.accountId());
        assertThatThrownBy(() -> incidents.end(fixtures.owner, open.id(), null)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> incidents.add(
                        fixtures.owner, account.id(), now.minusSeconds(60), now.minusSeconds(120), "backwards"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("endedAt"));
        assertThat(fixtures.audited("channel.incident-opened")).isEqualTo(2);
        assertThat(fixtures.audited("channel.incident-ended")).isEqualTo(1);
    }

    /** Secrets the vault holds for the workspace (a removed one keeps its row without key material). */
    private long secretsHeld() {
        return jdbc.sql("select count(*) from vault.secret where workspace_id = :w and removed_at is null")
                .param("w", fixtures.workspace().value())
                .query(Long.class)
                .single();
    }
}
