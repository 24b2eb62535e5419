package dev.mandate.routing;

import java.util.List;
import java.util.Set;

/**
 * One routing rule: when its conditions match on one of its triggers, its actions run in order; {@code stop} ends
 * the run there.
 *
 * @param id stable across versions, so that firings, reports and disabled rules refer to the same rule
 */
record Rule(
        String id,
        String name,
        boolean enabled,
        Set<Facts.Trigger> on,
        boolean stop,
        Condition conditions,
        List<Action> actions) {

    Rule {
        on = Set.copyOf(on);
        actions = List.copyOf(actions);
    }
}
