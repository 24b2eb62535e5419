package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.account.AccountDirectory;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.inbox.Inbox;
import dev.mandate.workspace.WorkspaceService;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications leave through the outbox: e-mail to a real SMTP server (GreenMail), webhooks to an HTTP server in
 * this process that checks the signature the way a brand's CRM would; a refused URL fails at once, an unreachable
 * host after its attempts, both visible with the reason and audited.
 */
@SpringBootTest
class NotificationsTests {

    static final String SECRET =
            "test-signing-" + java.util.UUID.randomUUID(); // made per run: no secret in the repository

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}))
            .withPerMethodLifecycle(false);

    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final HttpServer crm = crm();

    /** A request the CRM received, and whether its signature was right. */
    record Received(String body, String event, String delivery, boolean signatureValid) {}

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("mandate.routing.mail.host", () -> "127.0.0.1");
        registry.add("mandate.routing.mail.port", () -> mail.getSmtp().getPort());
        registry.add("mandate.routing.webhook.allow-http", () -> "true");
        registry.add("mandate.routing.webhook.allow-private-addresses", () -> "true");
        registry.add("mandate.routing.notifications.backoff", () -> "0s");
        registry.add("mandate.routing.notifications.max-attempts", () -> "3");
    }

    @Autowired
    Handoffs handoffs;

    @Autowired
    NotificationSettings settings;

    @Autowired
    Notifications notifications;

    @Autowired
    NotificationWorker worker;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    HandoffFixtures f;

    @BeforeEach
    void aBrand() {
        f = new HandoffFixtures(workspaces, accounts, inbox);
        received.clear();
    }

    @AfterAll
    static void stopCrm() {
        crm.stop(0);
    }

    @Test
    void tellsTheBrandOfANewHandoffByMailAndBySignedWebhook() throws Exception {
        settings.change(f.owner, List.of("desk@brand.test"), crmUrl("/hooks/mandate"), SECRET);

        Handoff handoff =
                handoffs.open(f.agent, f.question("200 loaves for Friday?", "en"), "Can we do 200 by Friday?", null);
        runUntilQuiet();

        List<MimeMessage> mails = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains("desk@brand.test"))
                .toList();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Hand-off from Aga Agent: Can we do 200 by Friday?");
        assertThat(GreenMailUtil.getBody(mails.get(0)))
                .contains("Can we do 200 by Friday?", handoff.conversationId().toString());

        assertThat(received).hasSize(1);
        Received hook = received.get(0);
        assertThat(hook.signatureValid()).isTrue();
        assertThat(hook.event()).isEqualTo("handoff.opened");
        assertThat(hook.body()).contains("\"handoff\":\"" + handoff.id() + "\"", "Can we do 200 by Friday?");
        assertThat(hook.body()).doesNotContain(SECRET);
        assertThat(notifications.of(f.team.id(), 10))
                .extracting(Notifications.Notification::state)
                .containsOnly("SENT");
    }

    @Test
    void sendsWhatARoutingRuleAsksForOnlyWhenItsTransactionCommits() {
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotificationRequested(
                f.team.id(),
                NotificationRequested.Via.EMAIL,
                "sales@brand.test",
                "rule.fired",
                "A lead",
                "Call them.",
                Map.of())));
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new NotificationRequested(
                    f.team.id(),
                    NotificationRequested.Via.EMAIL,
                    "never@brand.test",
                    "rule.fired",
                    "Rolled back",
                    "x",
                    Map.of()));
            tx.setRollbackOnly();
        });
        runUntilQuiet();

        assertThat(Arrays.stream(mail.getReceivedMessages()).map(NotificationsTests::recipients))
                .contains("[sales@brand.test]")
                .doesNotContain("[never@brand.test]");
    }

    @Test
    void triesAnUnreachableWebhookAgainAndThenFailsItVisibly() throws Exception {
        settings.change(f.owner, List.of(), null, SECRET);
        String closed = "http://127.0.0.1:" + closedPort() + "/hook";
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotificationRequested(
                f.team.id(), NotificationRequested.Via.WEBHOOK, closed, "rule.fired", "s", "t", Map.of("lead", "1"))));

        worker.runOnce();
        Notifications.Notification afterOne = only();
        assertThat(afterOne.state()).isEqualTo("QUEUED");
        assertThat(afterOne.attempts()).isEqualTo(1);
        assertThat(afterOne.problem()).startsWith("Could not reach 127.0.0.1");
        worker.runOnce();
        worker.runOnce();

        Notifications.Notification failed = only();
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.problem()).contains("Could not reach", "Gave up after 3 attempts");
        assertThat(audit.entries(f.team.id(), null, 50).stream().map(AuditEntry::action))
                .contains("notification.failed");
    }

    @Test
    void failsARefusedWebhookUrlAtOnce() {
        settings.change(f.owner, List.of(), null, SECRET);
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotificationRequested(
                f.team.id(),
                NotificationRequested.Via.WEBHOOK,
                "ftp://crm.example/hook",
                "rule.fired",
                "s",
                "t",
                Map.of())));

        worker.runOnce();

        Notifications.Notification failed = only();
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.problem()).isEqualTo("A webhook URL must start with https://.");
    }

    @Test
    void refusesAWebhookWithoutASecretOrTheCrmRejectingTheSignature() throws Exception {
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotificationRequested(
                f.team.id(),
                NotificationRequested.Via.WEBHOOK,
                crmUrl("/hooks/mandate"),
                "rule.fired",
                "s",
                "t",
                Map.of())));
        worker.runOnce();
        assertThat(only().problem()).contains("No signing secret");

        HandoffFixtures other = new HandoffFixtures(workspaces, accounts, inbox);
        settings.change(other.owner, List.of(), null, "a-different-secret-entirely");
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotificationRequested(
                other.team.id(),
                NotificationRequested.Via.WEBHOOK,
                crmUrl("/hooks/mandate"),
                "rule.fired",
                "s",
                "t",
                Map.of())));
        worker.runOnce();
        // The CRM answers 401 to a signature it cannot verify: not worth trying again.
        assertThat(notifications.of(other.team.id(), 10).get(0).problem()).isEqualTo("The webhook answered HTTP 401.");
        assertThat(received)
                .singleElement()
                .satisfies(r -> assertThat(r.signatureValid()).isFalse());
    }

    private Notifications.Notification only() {
        List<Notifications.Notification> all = notifications.of(f.team.id(), 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void runUntilQuiet() {
        for (int i = 0; i < 10 && worker.runOnce() > 0; i++) {
            // another round: a notification may have been queued by the last one
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crmUrl(String path) {
        return "http://127.0.0.1:" + crm.getAddress().getPort() + path;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The brand's CRM: checks {@code Mandate-Signature} as the brand's documentation tells it to. */
    private static HttpServer crm() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/mandate", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String header = exchange.getRequestHeaders().getFirst("Mandate-Signature");
                boolean valid = verify(header, body);
                received.add(new Received(
                        body,
                        exchange.getRequestHeaders().getFirst("Mandate-Event"),
                        exchange.getRequestHeaders().getFirst("Mandate-Delivery"),
                        valid));
                exchange.sendResponseHeaders(valid ? 204 : 401, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code t=<seconds>,v1=<hex>}: recomputes the HMAC and accepts only a recent timestamp. */
    static boolean verify(String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        long timestamp = Long.parseLong(t);
        if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
            return false;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(
                    expected, java.util.HexFormat.of().parseHex(v1));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
