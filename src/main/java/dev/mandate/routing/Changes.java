package dev.mandate.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** What changed between two versions of a rule set, in words: "added rule 'x'; changed rule 'y' (conditions)". */
final class Changes {

    private Changes() {}

    static String between(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        for (String part : List.of("coverage", "groups", "description")) {
            if (!Objects.equals(before.get(part), after.get(part))) {
                changes.add(part + " changed");
            }
        }
        Map<String, JsonNode> old = byId(before);
        Map<String, JsonNode> now = byId(after);
        now.forEach((id, rule) -> {
            JsonNode was = old.get(id);
            if (was == null) {
                changes.add("added rule '" + id + "'");
            } else if (!was.equals(rule)) {
                List<String> parts = new ArrayList<>();
                for (String field : List.of("name", "enabled", "on", "stop", "conditions", "actions")) {
                    if (!Objects.equals(was.get(field), rule.get(field))) {
                        parts.add(field);
                    }
                }
                changes.add("changed rule '" + id + "' (" + String.join(", ", parts) + ")");
            }
        });
        old.keySet().stream()
                .filter(id -> !now.containsKey(id))
                .forEach(id -> changes.add("removed rule '" + id + "'"));
        List<String> oldOrder = old.keySet().stream().filter(now::containsKey).toList();
        List<String> newOrder = now.keySet().stream().filter(old::containsKey).toList();
        if (!oldOrder.equals(newOrder)) {
            changes.add("rules reordered");
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    private static Map<String, JsonNode> byId(JsonNode root) {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        root.path("rules").forEach(rule -> rules.put(rule.path("id").asString(), rule));
        return rules;
    }
}
