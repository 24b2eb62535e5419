package dev.mandate.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule set's conditions over the facts of one message, in order, without changing anything: which rules
 * match and why, and which failed (those are disabled by the caller). Actions are the caller's business, so that a
 * trial and the real routing decide alike.
 */
final class Evaluation {

    private Evaluation() {}

    /**
     * @param disabled the rules of this version disabled at run time, with why; they are skipped
     */
    static Outcome run(RuleSet rules, Map<String, String> disabled, Facts facts, Condition.Context context) {
        List<Match> matches = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (!rule.enabled() || disabled.containsKey(rule.id()) || !rule.on().contains(facts.trigger())) {
                continue;
            }
            List<String> why;
            try {
                why = rule.conditions().match(facts, context);
            } catch (RuntimeException e) {
                failures.add(new Failure(rule, reason(e)));
                continue;
            }
            if (why != null) {
                matches.add(new Match(rule, why.isEmpty() ? List.of("always") : why));
                if (rule.stop()) {
                    break;
                }
            }
        }
        return new Outcome(matches, failures);
    }

    static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    record Outcome(List<Match> matches, List<Failure> failures) {}

    /** A rule that matches, and why: "intent=lead", "customer". */
    record Match(Rule rule, List<String> reasons) {

        String why() {
            return String.join(", ", reasons);
        }
    }

    record Failure(Rule rule, String reason) {}
}
