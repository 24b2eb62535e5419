package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.AccountId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading rule sets: what is refused at save, and exactly where. */
class RuleSetReaderTests {

    static final RuleSetReader reader = new RuleSetReader();

    static RuleSet read(String json) {
        return reader.read(reader.parse(json), Set.of());
    }

    static List<InvalidRuleSet.Error> errors(String json) {
        try {
            read(json);
        } catch (InvalidRuleSet e) {
            return e.errors();
        }
        throw new AssertionError("The rule set was accepted: " + json);
    }

    static String rules(String... rules) {
        return "{\"rules\": [" + String.join(",", rules) + "]}";
    }

    static String rule(String id, String conditions, String actions) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"conditions\": " + conditions + ", \"actions\": "
                + actions + "}";
    }

    static final String TAG = "[{\"type\": \"tag\", \"tags\": [\"x\"]}]";

    @Test
    void readsTheExampleRuleSet() {
        RuleSet rules = read(RoutingRules.EXAMPLE);

        assertThat(rules.rules())
                .extracting(Rule::name)
                .containsExactly("Spam", "Purchase leads", "Complaints from customers", "Praise and routine questions");
        assertThat(rules.coverage().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(rules.rules().get(1).conditions().describe()).isEqualTo("intent is lead");
    }

    @Test
    void refusesAnUnknownOperatorAtItsExactPlace() {
        String ok = rule("a", "{\"field\": \"intent\", \"op\": \"is\", \"value\": \"lead\"}", TAG);
        String bad = rule("c", "{\"all\": [{\"field\": \"intent\", \"op\": \"equals\", \"value\": \"lead\"}]}", TAG);

        assertThat(errors(rules(ok, ok.replace("\"a\"", "\"b\""), bad)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/rules/2/conditions/all/0/op");
                    assertThat(e.message()).contains("'equals' is not one of").contains("contains");
                });
    }

    @Test
    void refusesAnUnknownFieldAtItsExactPlace() {
        String bad = rule(
                "a", "{\"all\": [{\"field\": \"intent\", \"op\": \"is\", \"value\": \"lead\", \"colour\": 1}]}", TAG);

        assertThat(errors(rules(bad))).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/rules/0/conditions/all/0/colour");
            assertThat(e.message()).isEqualTo("Unknown field 'colour'.");
        });
    }

    @Test
    void refusesAnUnknownFactToTest() {
        assertThat(errors(rules(rule("a", "{\"field\": \"mood\", \"op\": \"is\", \"value\": \"x\"}", TAG))))
                .extracting(InvalidRuleSet.Error::pointer)
                .containsExactly("/rules/0/conditions/field");
    }

    @Test
    void refusesAnOperatorThatDoesNotFitItsField() {
        assertThat(errors(rules(rule("a", "{\"not\": {\"field\": \"intent\", \"op\": \"gte\", \"value\": 1}}", TAG))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/rules/0/conditions/not/op");
                    assertThat(e.message()).isEqualTo("'gte' does not apply to intent; use in, is.");
                });
    }

    @Test
    void refusesValuesThatAreNoneOfTheKnownOnes() {
        assertThat(errors(rules(
                        rule("a", "{\"field\": \"intent\", \"op\": \"in\", \"value\": [\"lead\", \"gossip\"]}", TAG))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/rules/0/conditions/value/1");
                    assertThat(e.message()).startsWith("'gossip' is no intent");
                });
    }

    @Test
    void refusesARegularExpressionThatDoesNotCompile() {
        assertThat(errors(rules(rule("a", "{\"field\": \"text\", \"op\": \"matches\", \"value\": \"([a-z]\"}", TAG))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/rules/0/conditions/value");
                    assertThat(e.message()).startsWith("The regular expression does not compile");
                });
    }

    @Test
    void refusesRegularExpressionsThatCouldRunAway() {
        for (String regex : List.of("(a+)+b", "(\\\\w*x)*", "((ab)*c)+", "(x{2,})*", "(a)\\\\1", "x".repeat(201))) {
            assertThat(errors(rules(rule(
                            "a",
                            "{\"any\": [{\"field\": \"text\", \"op\": \"matches\", \"value\": \"" + regex + "\"}]}",
                            TAG))))
                    .as(regex)
                    .extracting(InvalidRuleSet.Error::pointer)
                    .containsExactly("/rules/0/conditions/any/0/value");
        }
        assertThat(SafeRegex.problem("\\b(preis|kosten)\\w*")).isEmpty();
        assertThat(SafeRegex.problem("(a|b){1,3}c+")).isEmpty();
    }

    @Test
    void stopsARegularExpressionThatRunsAwayAtRunTime() {
        // No nested repetition, so it passes the check at save; on 60 a's it still needs some 190 million steps.
        SafeRegex regex = SafeRegex.of("a*a*a*a*a*b");

        assertThat(regex.find("aab", 1_000)).isTrue();
        assertThatThrownBy(() -> regex.find("a".repeat(60), 1_000_000)).isInstanceOf(SafeRegex.RunawayRegex.class);
    }

    @Test
    void namesEveryErrorNotOnlyTheFirst() {
        String first = rule("a", "{\"field\": \"customer\", \"op\": \"is\", \"value\": \"yes\"}", TAG);
        String second =
                rule("a", "{\"field\": \"spamScore\", \"op\": \"gte\", \"value\": 0.5}", "[{\"type\": \"escalate\"}]");

        assertThat(errors(rules(first, second)))
                .extracting(InvalidRuleSet.Error::pointer)
                .containsExactly("/rules/0/conditions/value", "/rules/1/id", "/rules/1/actions/0/question");
    }

    @Test
    void refusesActionsWithFieldsOfAnotherType() {
        assertThat(errors(rules(rule(
                        "a",
                        "{\"field\": \"customer\", \"op\": \"is\", \"value\": true}",
                        "[{\"type\": \"tag\", \"tags\": [\"x\"], \"party\": \"brand\"}]"))))
                .extracting(InvalidRuleSet.Error::pointer)
                .containsExactly("/rules/0/actions/0/party");
    }

    @Test
    void refusesAssigningToSomeoneWhoIsNoMember() {
        AccountId member = AccountId.random();
        String json = rules(rule(
                "a",
                "{\"field\": \"customer\", \"op\": \"is\", \"value\": true}",
                "[{\"type\": \"assign\", \"person\": \"" + AccountId.random().value() + "\"}]"));

        assertThatThrownBy(() -> reader.read(reader.parse(json), Set.of(member)))
                .isInstanceOfSatisfying(
                        InvalidRuleSet.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidRuleSet.Error::pointer)
                                .containsExactly("/rules/0/actions/0/person"));
    }

    @Test
    void matchesTagsAllOfThemAndPhrasesWhereAWordStarts() {
        RuleSet rules = read(rules(
                rule("tags", "{\"field\": \"tag\", \"op\": \"has\", \"value\": [\"vip\", \"lead\"]}", TAG),
                rule("words", "{\"field\": \"text\", \"op\": \"contains\", \"value\": \"preis\"}", TAG)));
        Condition.Context context =
                new Condition.Context(ZoneId.of("UTC"), Coverage.always(ZoneId.of("UTC")), 1_000_000);

        assertThat(rules.rules().get(0).conditions().match(facts("x", List.of("vip", "lead")), context))
                .containsExactly("#vip #lead");
        assertThat(rules.rules().get(0).conditions().match(facts("x", List.of("vip")), context))
                .isNull();
        assertThat(rules.rules().get(1).conditions().match(facts("Die Preise?", List.of()), context))
                .containsExactly("text contains \"preis\"");
        assertThat(rules.rules().get(1).conditions().match(facts("Der Kaufpreis", List.of()), context))
                .isNull();
    }

    static Facts facts(String text, List<String> tags) {
        return new Facts(
                Facts.Trigger.MESSAGE,
                "wordpress",
                null,
                "de",
                null,
                text,
                false,
                List.of(),
                tags,
                false,
                Instant.now(),
                dev.mandate.inbox.ConversationState.OPEN,
                dev.mandate.inbox.Priority.NORMAL);
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThat(errors("{\"rules\": [")).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.message()).startsWith("This is not JSON (line 1");
        });
    }

    @Test
    void answersAProblemDetailWithEveryPointer() {
        InvalidRuleSet problem = new InvalidRuleSet(
                List.of(new InvalidRuleSet.Error("/rules/2/conditions/all/0/op", "'equals' is not one of is, in.")));

        assertThat(problem.getBody().getType().toString()).isEqualTo("https://mandate.dev/problems/invalid-rule-set");
        assertThat(problem.getBody().getDetail())
                .isEqualTo("The rule set has an error at /rules/2/conditions/all/0/op: 'equals' is not one of is, in.");
        assertThat(problem.getBody().getProperties())
                .containsEntry(
                        "errors",
                        List.of(Map.of(
                                "pointer",
                                "/rules/2/conditions/all/0/op",
                                "message",
                                "'equals' is not one of is, in.")));
    }

    @Test
    void countsDeadlinesInBusinessHours() {
        Coverage weekdays = new Coverage(
                ZoneId.of("Europe/Berlin"),
                Map.of(
                        DayOfWeek.MONDAY, new Coverage.Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)),
                        DayOfWeek.FRIDAY, new Coverage.Hours(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        Instant fridayAfternoon = Instant.parse("2026-11-27T15:00:00Z"); // 16:00 in Berlin

        assertThat(weekdays.after(fridayAfternoon, Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-11-30T11:00:00Z")); // Monday 12:00 in Berlin
        assertThat(weekdays.covers(fridayAfternoon)).isTrue();
        assertThat(weekdays.covers(Instant.parse("2026-11-28T10:00:00Z"))).isFalse();
    }
}
