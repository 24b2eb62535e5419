package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.account.AccountDirectory;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync against a network over real HTTP ({@link StubNetwork}): leases across two nodes, resuming from the stored
 * cursor, a crash between the inbox and the cursor, incidents past the threshold, rate limits, a refused credential
 * told once, and unreadable items skipped. Time is a {@link MutableClock} in the past, so that no other test's
 * accounts are due.
 */
@SpringBootTest
class ChannelSyncTests {

    private static final Instant T0 = Instant.parse("2020-03-02T08:00:00Z");

    @Autowired
    ChannelSync sync;

    @Autowired
    Arrivals arrivals;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    ChannelConnections connections;

    @Autowired
    Incidents incidents;

    @Autowired
    SyncStates states;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    JdbcClient jdbc;

    final StubNetwork network = StubNetwork.get();
    final MutableClock clock = new MutableClock(T0);
    ChannelFixtures fixtures;

    @BeforeEach
    void workspace() {
        fixtures = new ChannelFixtures(workspaces, directory, access, connections, jdbc);
    }

    @AfterEach
    void quiet() {
        fixtures.pauseAll();
    }

    static ChannelProperties.Sync settings(int maxPages, Duration lease) {
        return new ChannelProperties.Sync(
                true,
                Duration.ofSeconds(10),
                1,
                Duration.ofMinutes(5),
                lease,
                "",
                Duration.ofMinutes(5),
                maxPages,
                Duration.ofSeconds(30),
                Duration.ofMinutes(30));
    }

    ChannelSync node(String name) {
        return node(name, arrivals, settings(20, Duration.ofMinutes(1)));
    }

    ChannelSync node(String name, Arrivals arrivals, ChannelProperties.Sync settings) {
        return sync.asNode(name, clock, arrivals, settings);
    }

    AccountHealth health(ChannelAccount account) {
        return accounts.health(fixtures.workspace(), account.id());
    }

    @Test
    void readsEveryPageIntoTheInboxAndSchedulesTheNextRun() {
        StubNetwork.Site site = network.site("brand", "pw-1").withItems("one", "two", "three", "four", "five");
        ChannelAccount account = fixtures.connect(site, T0);

        assertThat(node("node-a").runDue()).isEqualTo(1);

        assertThat(fixtures.messages(account)).isEqualTo(5);
        assertThat(site.cursorsAsked).containsExactly("", "2", "4");
        AccountHealth health = health(account);
        assertThat(health.lastSuccessAt()).isEqualTo(T0);
        assertThat(health.nextSyncAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(health.account().brandHandles()).containsExactly("brand");
        assertThat(node("node-a").runDue())
                .as("nothing is due until the interval passed")
                .isZero();
    }

    @Test
    void aNewRunnerResumesFromTheStoredCursor() {
        StubNetwork.Site site = network.site("brand", "pw-2").withItems("a", "b", "c", "d", "e");
        ChannelAccount account = fixtures.connect(site, T0);

        SyncResult first = node("node-a", arrivals, settings(2, Duration.ofMinutes(1)))
                .syncNow(fixtures.workspace(), account.id());
        assertThat(first.outcome()).isEqualTo(SyncResult.Outcome.SYNCED);
        assertThat(first.pages()).isEqualTo(2);
        assertThat(fixtures.messages(account)).isEqualTo(4);
        assertThat(health(account).nextSyncAt())
                .as("more is waiting: due at once")
                .isEqualTo(T0);

        // Another node, as after a restart: it starts where the first stopped.
        assertThat(node("node-b").runDue()).isEqualTo(1);
        assertThat(site.cursorsAsked).containsExactly("", "2", "4");
        assertThat(fixtures.messages(account)).isEqualTo(5);
        assertThat(fixtures.distinctMessages(account)).isEqualTo(5);
    }

    @Test
    void twoNodesNeverFetchOneAccountAtOnce() throws Exception {
        List<StubNetwork.Site> sites = new ArrayList<>();
        List<ChannelAccount> connected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StubNetwork.Site site = network.site("brand", "pw-c" + i).withItems("1", "2", "3", "4", "5", "6");
            site.readMillis = 40;
            sites.add(site);
            connected.add(fixtures.connect(site, T0));
        }
        ChannelSync a = node("node-a");
        ChannelSync b = node("node-b");
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            AtomicInteger ran = new AtomicInteger();
            for (ChannelSync runner : List.of(a, b)) {
                runs.add(threads.submit(() -> {
                    start.await();
                    ran.addAndGet(runner.runDue());
                    return null;
                }));
                // Both nodes also press "Sync now" on the first account while the schedule runs.
                runs.add(threads.submit(() -> {
                    start.await();
                    return runner.syncNow(fixtures.workspace(), connected.get(0).id());
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < sites.size(); i++) {
            assertThat(sites.get(i).overlaps)
                    .as("overlapping reads of site %d", i)
                    .hasValue(0);
            assertThat(fixtures.distinctMessages(connected.get(i))).isEqualTo(6);
            assertThat(fixtures.messages(connected.get(i))).isEqualTo(6);
        }
        for (int i = 1; i < sites.size(); i++) {
            assertThat(sites.get(i).reads)
                    .as("site %d is read once, in three pages", i)
                    .hasValue(3);
        }
    }

    @Test
    void takesOverTheLeaseOfADeadNode() {
        StubNetwork.Site site = network.site("brand", "pw-3").withItems("x", "y", "z");
        ChannelAccount account = fixtures.connect(site, T0);
        // node-a claims the account and dies without giving it back.
        assertThat(states.claimDue("node-a", T0, T0.plus(Duration.ofMinutes(1))))
                .isPresent();

        ChannelSync b = node("node-b");
        assertThat(b.runDue()).as("the lease holds").isZero();
        assertThat(b.syncNow(fixtures.workspace(), account.id()).outcome()).isEqualTo(SyncResult.Outcome.NOT_RUN);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(b.runDue()).isEqualTo(1);
        assertThat(fixtures.messages(account)).isEqualTo(3);
        assertThat(states.storePage(
                        account.id(), "node-a", "0", 0, clock.instant().plusSeconds(60)))
                .as("the dead node's late write changes nothing")
                .isFalse();
        assertThat(health(account).lastSuccessAt()).isEqualTo(clock.instant());
    }

    @Test
    void keepsAWakeUpThatArrivesWhileTheAccountIsBeingSynced() {
        StubNetwork.Site site = network.site("brand", "pw-wake").withItems("x");
        ChannelAccount account = fixtures.connect(site, T0);
        Instant leaseEnd = T0.plus(Duration.ofMinutes(5));
        assertThat(states.claimDue("node-a", T0, leaseEnd)).isPresent();
        assertThat(health(account).nextSyncAt())
                .as("a crashed run is taken over at its lease's end")
                .isEqualTo(leaseEnd);

        states.makeDue(fixtures.workspace(), account.id(), T0.plusSeconds(2)); // new mail, mid-run
        assertThat(states.storePage(account.id(), "node-a", "1", 0, leaseEnd.plusSeconds(30)))
                .isTrue();
        assertThat(states.succeeded(account.id(), "node-a", T0.plusSeconds(3), T0.plus(Duration.ofMinutes(5))))
                .isTrue();

        assertThat(health(account).nextSyncAt())
                .as("due again at once, not after the interval")
                .isEqualTo(T0.plusSeconds(2));

        assertThat(states.claimDue("node-a", T0.plusSeconds(4), leaseEnd)).isPresent();
        assertThat(states.storePage(account.id(), "node-a", "2", 0, leaseEnd.plusSeconds(30)))
                .isTrue();
        assertThat(health(account).nextSyncAt())
                .as("the lease's end moves with the lease")
                .isEqualTo(leaseEnd.plusSeconds(30));
        assertThat(states.succeeded(account.id(), "node-a", T0.plusSeconds(5), T0.plus(Duration.ofMinutes(10))))
                .isTrue();
        assertThat(health(account).nextSyncAt())
                .as("without a wake-up, the interval")
                .isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aCrashBetweenInboxAndCursorLosesAndDuplicatesNothing() {
        StubNetwork.Site site = network.site("brand", "pw-4").withItems("m1", "m2", "m3", "m4", "m5", "m6");
        ChannelAccount account = fixtures.connect(site, T0);
        AtomicInteger pages = new AtomicInteger();
        Arrivals crashing = (acc, items) -> {
            int stored = arrivals.accept(acc, items);
            if (pages.incrementAndGet() == 2) {
                throw new NodeCrashed();
            }
            return stored;
        };

        assertThatThrownBy(() -> node("node-a", crashing, settings(20, Duration.ofMinutes(1)))
                        .runDue())
                .isInstanceOf(NodeCrashed.class);
        assertThat(fixtures.messages(account))
                .as("the second page reached the inbox")
                .isEqualTo(4);

        clock.advance(Duration.ofMinutes(2));
        assertThat(node("node-b").runDue()).isEqualTo(1);

        assertThat(site.cursorsAsked).as("page two is read again").containsExactly("", "2", "2", "4");
        assertThat(fixtures.messages(account)).isEqualTo(6);
        assertThat(fixtures.distinctMessages(account)).isEqualTo(6);
    }

    @Test
    void opensAnIncidentPastTheThresholdAndClosesItWhenTheNetworkAnswers() {
        StubNetwork.Site site = network.site("brand", "pw-5").withItems("after the outage");
        ChannelAccount account = fixtures.connect(site, T0);
        site.then(
                StubNetwork.Answer.status(503),
                StubNetwork.Answer.status(503),
                StubNetwork.Answer.status(502),
                StubNetwork.Answer.status(503),
                StubNetwork.Answer.status(503));
        ChannelSync runner = node("node-a");

        for (int failure = 1; failure <= 5; failure++) {
            assertThat(runner.runDue()).isEqualTo(1);
            AccountHealth health = health(account);
            assertThat(health.lastErrorKind()).isEqualTo("UNAVAILABLE");
            assertThat(health.consecutiveFailures()).isEqualTo(failure);
            Duration failing = Duration.between(T0, clock.instant());
            assertThat(health.incidentOpen())
                    .as("after %s of failures", failing)
                    .isEqualTo(failing.compareTo(Duration.ofMinutes(5)) >= 0);
            assertThat(runner.runDue()).as("backoff").isZero();
            clock.set(health.nextSyncAt());
        }
        assertThat(clock.instant())
                .as("backoff doubles: 30 s, 1, 2, 4, 8 min")
                .isEqualTo(T0.plusSeconds(30 + 60 + 120 + 240 + 480));
        assertThat(fixtures.audited("channel.incident-opened")).isEqualTo(1);

        Instant recovered = clock.instant();
        assertThat(runner.runDue()).isEqualTo(1);

        AccountHealth health = health(account);
        assertThat(health.incidentOpen()).isFalse();
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.lastErrorKind()).isNull();
        assertThat(fixtures.messages(account)).isEqualTo(1);
        List<Incident> during = incidents.during(fixtures.workspace(), T0.minusSeconds(3600), recovered.plusSeconds(1));
        assertThat(during).singleElement().satisfies(incident -> {
            assertThat(incident.startedAt()).isEqualTo(T0);
            assertThat(incident.endedAt()).isEqualTo(recovered);
            assertThat(incident.source()).isEqualTo(Incident.Source.AUTOMATIC);
            assertThat(incident.accountId()).isEqualTo(account.id());
            assertThat(incident.cause()).contains("503");
        });
        assertThat(incidents.during(fixtures.workspace(), recovered.plusSeconds(1), recovered.plusSeconds(3600)))
                .isEmpty();
        assertThat(fixtures.audited("channel.incident-ended")).isEqualTo(1);
    }

    @Test
    void waitsAsARateLimitSaysWithoutCountingAnError() {
        StubNetwork.Site site = network.site("brand", "pw-6").withItems("later");
        ChannelAccount account = fixtures.connect(site, T0);
        site.then(StubNetwork.Answer.tooManyRequests(120));
        ChannelSync runner = node("node-a");

        SyncResult limited = runner.syncNow(fixtures.workspace(), account.id());

        assertThat(limited.outcome()).isEqualTo(SyncResult.Outcome.DELAYED);
        AccountHealth health = health(account);
        assertThat(health.nextSyncAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.lastErrorKind()).isNull();
        clock.advance(Duration.ofSeconds(119));
        assertThat(runner.runDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(fixtures.messages(account)).isEqualTo(1);
    }

    @Test
    void aRefusedCredentialStopsTheSyncAndTellsTheOwnerOnce() {
        StubNetwork.Site site = network.site("brand", "pw-7").withItems("first");
        ChannelAccount account = fixtures.connect(site, T0);
        ChannelSync runner = node("node-a");
        site.password = "changed-at-the-site";

        assertThat(runner.runDue()).isEqualTo(1);
        AccountHealth health = health(account);
        assertThat(health.credentialsFailed()).isTrue();
        assertThat(health.lastErrorKind()).isEqualTo("CREDENTIALS");

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(runner.runDue()).as("the schedule leaves it alone").isZero();
            assertThat(runner.syncNow(fixtures.workspace(), account.id()).failure())
                    .isEqualTo("CREDENTIALS");
        }
        assertThat(site.reads).as("one scheduled read and three by hand").hasValue(4);
        assertThat(fixtures.audited("channel.credentials-failed")).isEqualTo(1);

        connections.replaceCredential(fixtures.owner, account.id(), "changed-at-the-site");
        assertThat(health(account).credentialsFailed()).isFalse();
        assertThat(runner.syncNow(fixtures.workspace(), account.id()).outcome()).isEqualTo(SyncResult.Outcome.SYNCED);
        assertThat(fixtures.messages(account)).isEqualTo(1);

        site.password = "changed-again";
        clock.advance(Duration.ofHours(1));
        runner.runDue();
        assertThat(fixtures.audited("channel.credentials-failed"))
                .as("a new failure after the credential worked again is told again")
                .isEqualTo(2);
    }

    @Test
    void skipsUnreadableItemsCountsThemAndStillReadsTheRest() {
        StubNetwork.Site site = network.site("brand", "pw-8").withItems("good one", "good two");
        ChannelAccount account = fixtures.connect(site, T0);
        site.then(StubNetwork.Answer.malformed());
        double before = skippedCounter();

        SyncResult result = node("node-a").syncNow(fixtures.workspace(), account.id());

        assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SYNCED);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(fixtures.messages(account)).isEqualTo(2);
        assertThat(health(account).skippedItems()).isEqualTo(1);
        assertThat(skippedCounter() - before).isEqualTo(1.0);
    }

    @Test
    void aPushedNotificationMakesTheAccountDue() {
        StubNetwork.Site site = network.site("brand", "pw-9").withItems("pushed");
        ChannelAccount account = fixtures.connect(site, T0.plus(Duration.ofHours(1)));
        assertThat(node("node-a").runDue()).isZero();

        node("node-a").on(new ChannelEvents.SyncRequested(fixtures.workspace(), account.id()));

        assertThat(node("node-a").runDue()).isEqualTo(1);
        assertThat(fixtures.messages(account)).isEqualTo(1);
    }

    @Test
    void pausedAndRemovedAccountsAreNotSyncedAndRemovalKeepsTheirHistory() {
        StubNetwork.Site site = network.site("brand", "pw-10").withItems("kept");
        ChannelAccount account = fixtures.connect(site, T0);
        ChannelSync runner = node("node-a");
        connections.pause(fixtures.owner, account.id());
        assertThat(runner.runDue()).isZero();
        connections.resume(fixtures.owner, account.id());
        // Resuming makes it due at the application's time, which is later than the test clock's.
        clock.set(health(account).nextSyncAt());
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(fixtures.messages(account)).isEqualTo(1);

        connections.remove(fixtures.owner, account.id());

        AccountHealth health = health(account);
        assertThat(health.state()).isEqualTo(AccountState.REMOVED);
        assertThat(health.hasCredential()).isFalse();
        assertThat(fixtures.messages(account)).as("history stays").isEqualTo(1);
        assertThat(runner.syncNow(fixtures.workspace(), account.id()).outcome()).isEqualTo(SyncResult.Outcome.NOT_RUN);
        assertThat(fixtures.audited("channel.account-removed")).isEqualTo(1);
        assertThat(accounts.receiving(fixtures.workspace()))
                .extracting(ChannelAccount::id)
                .doesNotContain(account.id());
        InboundItem late = new InboundItem(
                account.id().toString(),
                null,
                "late-1",
                null,
                null,
                InboundItem.Kind.DIRECT_MESSAGE,
                new InboundItem.Author("someone", "Someone", null),
                "Still there?",
                null,
                null,
                null,
                null,
                null,
                null,
                T0,
                null);
        assertThat(arrivals.accept(account, java.util.List.of(late)))
                .as("a removed account takes no new messages, also not through the ingest endpoint")
                .isZero();
        assertThat(fixtures.messages(account)).isEqualTo(1);
    }

    @Test
    void theSchedulerSyncsDueAccountsOnItsOwnUntilItIsStopped() throws Exception {
        StubNetwork.Site site = network.site("brand", "pw-11").withItems("on schedule");
        ChannelAccount account = fixtures.connect(site, T0);
        ChannelProperties.Sync every50ms = new ChannelProperties.Sync(
                true,
                Duration.ofMillis(50),
                2,
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                "",
                Duration.ofMinutes(5),
                20,
                Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        SyncScheduler scheduler =
                new SyncScheduler(node("scheduled", arrivals, every50ms), new ChannelProperties(every50ms, true));

        scheduler.start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fixtures.messages(account) == 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        } finally {
            scheduler.stop();
        }

        assertThat(scheduler.isRunning()).isFalse();
        assertThat(fixtures.messages(account)).isEqualTo(1);
        assertThat(health(account).lastSuccessAt()).isEqualTo(T0);
        assertThat(site.reads).as("synced once; not again before the interval").hasValue(1);
    }

    private double skippedCounter() {
        var counter = meters.find("mandate.channel.sync.skipped")
                .tag("network", TestStubConnector.NETWORK)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** What a node dying between the inbox and the cursor looks like to the code that was running. */
    static final class NodeCrashed extends Error {}
}
