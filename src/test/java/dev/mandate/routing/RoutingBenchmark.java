package dev.mandate.routing;

import static dev.mandate.routing.RoutingFixtures.classified;
import static dev.mandate.routing.RoutingFixtures.comment;
import static dev.mandate.routing.RoutingFixtures.received;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.classify.Intent;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.MessageReceived;
import dev.mandate.inbox.Priority;
import dev.mandate.ingest.Ingest;
import dev.mandate.ingest.IngestReport;
import dev.mandate.shared.Actor;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What routing costs per message: the evaluation of rule sets of 1 to 200 rules over generated messages (conditions
 * only, in memory), and a message routed end to end with the issue's rule set (facts read from the database, actions
 * carried out, the firing recorded).
 *
 * <p>Not part of the test run (its name does not end in {@code Tests}); run it, holding the bench lock, with
 *
 * <pre>mvn test -Dtest=RoutingBenchmark</pre>
 *
 * The figures are in {@code docs/routing.md}.
 */
@SpringBootTest
class RoutingBenchmark {

    private static final String[] WORDS = ("brot kuchen preis bestellung lieferung öffnungszeiten danke super lecker "
                    + "bread cake price order delivery opening hours thanks great tasty wann wie warum heute morgen")
            .split(" ");

    @Autowired
    Router router;

    @Autowired
    RoutingRules rules;

    @Autowired
    Ingest ingest;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Test
    void evaluationPerMessage() {
        Random random = new Random(1);
        List<Facts> messages = new ArrayList<>();
        Intent.Label[] intents = Intent.Label.values();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            messages.add(new Facts(
                    Facts.Trigger.MESSAGE,
                    "wordpress",
                    null,
                    "de",
                    classified(intents[random.nextInt(intents.length)], random.nextInt(10) == 0, "de"),
                    text.toString(),
                    random.nextBoolean(),
                    List.of(),
                    List.of("t" + random.nextInt(5)),
                    random.nextBoolean(),
                    Instant.now(),
                    ConversationState.OPEN,
                    Priority.NORMAL));
        }
        RuleSetReader reader = new RuleSetReader();
        Condition.Context context = new Condition.Context(
                ZoneId.of("Europe/Berlin"), Coverage.always(ZoneId.of("Europe/Berlin")), 1_000_000);
        System.out.println("| rules | read and check the rule set | evaluate one message (all rules) |");
        for (int n : new int[] {1, 10, 50, 200}) {
            String json = ruleSet(n);
            long readStart = System.nanoTime();
            RuleSet set = null;
            for (int r = 0; r < 20; r++) {
                set = reader.read(reader.parse(json), Set.of());
            }
            double readMs = (System.nanoTime() - readStart) / 20 / 1e6;
            for (int warm = 0; warm < 3; warm++) {
                for (Facts facts : messages) {
                    Evaluation.run(set, Map.of(), facts, context);
                }
            }
            int rounds = 5;
            long start = System.nanoTime();
            int matched = 0;
            for (int round = 0; round < rounds; round++) {
                for (Facts facts : messages) {
                    matched += Evaluation.run(set, Map.of(), facts, context)
                            .matches()
                            .size();
                }
            }
            double perMessageUs = (System.nanoTime() - start) / 1e3 / (rounds * messages.size());
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.2f ms | %.1f µs (%d matches) |%n",
                    n,
                    readMs,
                    perMessageUs,
                    matched / rounds);
        }
    }

    @Test
    void routingEndToEnd() {
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership owner =
                new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        ChannelAccount blog = channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog", List.of());
        Random random = new Random(2);
        Intent.Label[] intents = Intent.Label.values();
        List<MessageReceived> stream = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant at = Instant.now().minusSeconds(1000 - i);
            IngestReport.Line line = comment(ingest, team.id(), blog, "a" + i, "Nachricht " + i, at);
            stream.add(received(
                    team.id(),
                    line,
                    "wordpress",
                    at,
                    classified(intents[random.nextInt(intents.length)], random.nextInt(10) == 0, "de")));
        }
        rules.save(owner, RoutingFixtures.ISSUE_RULE_SET);
        for (MessageReceived warm : stream.subList(0, 100)) {
            router.route(warm);
        }
        long start = System.nanoTime();
        int fired = 0;
        for (MessageReceived message : stream.subList(100, 400)) {
            fired += router.route(message).size();
        }
        double ms = (System.nanoTime() - start) / 1e6 / 300;
        System.out.printf(Locale.ROOT, "end to end: %.2f ms per message (%d rules fired on 300 messages)%n", ms, fired);
    }

    /** {@code n} rules of the kinds people write: intents, phrases, a regular expression, customers, spam scores. */
    static String ruleSet(int n) {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String condition = switch (i % 5) {
                case 0 ->
                    "{\"all\": [{\"field\": \"intent\", \"op\": \"in\", \"value\": [\"lead\", \"question\"]},"
                            + " {\"field\": \"customer\", \"op\": \"is\", \"value\": true}]}";
                case 1 ->
                    "{\"field\": \"text\", \"op\": \"contains\", \"value\": [\"bestellung" + i
                            + "\", \"lieferung\", \"opening hours\", \"zzz" + i + "\"]}";
                case 2 ->
                    "{\"field\": \"text\", \"op\": \"matches\", \"value\": \"\\\\b(preis|price)\\\\w*\\\\s+"
                            + "(heute|today)" + "\"}";
                case 3 ->
                    "{\"any\": [{\"field\": \"spamScore\", \"op\": \"gte\", \"value\": 0.9},"
                            + " {\"not\": {\"field\": \"tag\", \"op\": \"has\", \"value\": \"t" + (i % 7) + "\"}}]}";
                default ->
                    "{\"all\": [{\"field\": \"sentiment\", \"op\": \"is\", \"value\": \"negative\"},"
                            + " {\"field\": \"replyToBrand\", \"op\": \"is\", \"value\": true},"
                            + " {\"field\": \"language\", \"op\": \"in\", \"value\": [\"de\", \"en\"]}]}";
            };
            rules.add("{\"id\": \"r" + i + "\", \"name\": \"Rule " + i + "\", \"conditions\": " + condition
                    + ", \"actions\": [{\"type\": \"tag\", \"tags\": [\"r" + i + "\"]}]}");
        }
        return "{\"rules\": [" + String.join(",", rules) + "]}";
    }
}
