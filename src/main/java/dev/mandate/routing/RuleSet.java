package dev.mandate.routing;

import dev.mandate.shared.AccountId;
import java.util.List;
import java.util.Map;

/**
 * A workspace's routing rules, in order, with the coverage hours that deadlines count and the groups that rules
 * assign to in turn. Read from its JSON by {@link RuleSetReader}, which refuses what is not valid.
 *
 * @param coverage the business hours, or {@code null} when every hour counts
 */
record RuleSet(Coverage coverage, Map<String, List<AccountId>> groups, List<Rule> rules) {

    RuleSet {
        groups = Map.copyOf(groups);
        rules = List.copyOf(rules);
    }

    static RuleSet empty() {
        return new RuleSet(null, Map.of(), List.of());
    }
}
