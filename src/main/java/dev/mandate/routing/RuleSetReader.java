package dev.mandate.routing;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.mandate.inbox.Priority;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Party;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a rule set from its JSON: first against the JSON Schema shipped in {@code routing/rule-set.schema.json}
 * (unknown fields, unknown operators, wrong types), then against what the schema cannot say (an operator that does not
 * fit its field, a value of the wrong kind, a regular expression that does not compile or could run away, a rule id
 * used twice, a person who is not a member). Every error names its place as a JSON pointer.
 */
@Component
class RuleSetReader {

    static final String SCHEMA = "routing/rule-set.schema.json";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");
    private static final Pattern TAG_SHAPE = Pattern.compile("^[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,39}$");
    private static final Set<String> INTENTS = Set.of("question", "complaint", "lead", "praise", "discussion", "other");
    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");
    private static final Set<String> STATES = Set.of("open", "waiting", "escalated", "closed");
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Schema schema;

    RuleSetReader() {
        try (InputStream in = RuleSetReader.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the classpath");
            }
            JsonNode node = json.readTree(in);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://mandate.dev/schemas/routing/rule-set.json"), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule set's JSON as a tree, or {@link InvalidRuleSet} saying where it stops being JSON. */
    JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRuleSet(List.of(new InvalidRuleSet.Error("", "Write the rule set (a JSON object).")));
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new InvalidRuleSet(List.of(new InvalidRuleSet.Error(
                    "",
                    "This is not JSON"
                            + (where == null
                                    ? ""
                                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                            + ": " + e.getOriginalMessage())));
        }
    }

    String write(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    JsonNode tree(String stored) {
        return json.readTree(stored);
    }

    /**
     * The rule set, checked completely.
     *
     * @param people the workspace's brand and agency members, whom rules may assign to
     */
    RuleSet read(JsonNode node, Set<AccountId> people) {
        List<InvalidRuleSet.Error> errors = new ArrayList<>();
        for (com.networknt.schema.Error error : schema.validate(node)) {
            errors.add(explain(error));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRuleSet(errors.stream().distinct().toList());
        }
        Semantics semantics = new Semantics(people);
        RuleSet rules = semantics.ruleSet(node);
        if (!semantics.errors.isEmpty()) {
            throw new InvalidRuleSet(semantics.errors);
        }
        return rules;
    }

    /** A rule set that was checked when it was saved; the members it names may have left since (a runtime failure). */
    RuleSet readStored(String stored) {
        return new Semantics(null).ruleSet(tree(stored));
    }

    private static InvalidRuleSet.Error explain(com.networknt.schema.Error error) {
        String at = pointer(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "additionalProperties" ->
                new InvalidRuleSet.Error(
                        at + "/" + escape(error.getProperty()), "Unknown field '" + error.getProperty() + "'.");
            case "required" ->
                new InvalidRuleSet.Error(
                        at + "/" + escape(error.getProperty()), "'" + error.getProperty() + "' is required here.");
            case "enum" ->
                new InvalidRuleSet.Error(
                        at,
                        "'" + text(error.getInstanceNode()) + "' is not one of " + options(error.getSchemaNode())
                                + ".");
            case "propertyNames" -> new InvalidRuleSet.Error(at, "Unknown name: " + error.getMessage());
            default -> new InvalidRuleSet.Error(at, stripLocation(error.getMessage()));
        };
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.isString() ? node.stringValue() : node.toString();
    }

    private static String options(JsonNode node) {
        List<String> options = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> options.add(text(n)));
        }
        return String.join(", ", options);
    }

    private static String stripLocation(String message) {
        // The library prefixes the instance location, which the pointer already says.
        int colon = message.indexOf(": ");
        return colon > 0 && (message.startsWith("/") || message.startsWith("$"))
                ? message.substring(colon + 2)
                : message;
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The checks the schema cannot make, collecting every error with its pointer. */
    private static final class Semantics {

        private final Set<AccountId> people;
        private final List<InvalidRuleSet.Error> errors = new ArrayList<>();
        private Coverage coverage;

        Semantics(Set<AccountId> people) {
            this.people = people;
        }

        private void error(String pointer, String message) {
            errors.add(new InvalidRuleSet.Error(pointer, message));
        }

        RuleSet ruleSet(JsonNode root) {
            coverage = root.has("coverage") ? coverage(root.get("coverage"), "/coverage") : null;
            Map<String, List<AccountId>> groups = new LinkedHashMap<>();
            if (root.has("groups")) {
                for (Map.Entry<String, JsonNode> group : root.get("groups").properties()) {
                    List<AccountId> members = new ArrayList<>();
                    int i = 0;
                    for (JsonNode member : group.getValue()) {
                        AccountId person =
                                person(member.stringValue(), "/groups/" + escape(group.getKey()) + "/" + i++);
                        if (person != null) {
                            members.add(person);
                        }
                    }
                    groups.put(group.getKey(), members);
                }
            }
            List<Rule> rules = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            JsonNode list = root.path("rules");
            for (int i = 0; i < list.size(); i++) {
                JsonNode rule = list.get(i);
                String at = "/rules/" + i;
                String id = rule.get("id").stringValue();
                if (!ids.add(id)) {
                    error(at + "/id", "The id '" + id + "' is used by an earlier rule; each rule needs its own.");
                }
                Set<Facts.Trigger> on = EnumSet.noneOf(Facts.Trigger.class);
                if (rule.has("on")) {
                    rule.get("on").forEach(t -> on.add(Facts.Trigger.of(t.stringValue())));
                } else {
                    on.add(Facts.Trigger.MESSAGE);
                }
                Condition conditions = condition(rule.get("conditions"), at + "/conditions");
                List<Action> actions = new ArrayList<>();
                JsonNode actionList = rule.get("actions");
                for (int a = 0; a < actionList.size(); a++) {
                    Action action = action(actionList.get(a), at + "/actions/" + a, groups);
                    if (action != null) {
                        actions.add(action);
                    }
                }
                rules.add(new Rule(
                        id,
                        rule.get("name").stringValue().strip(),
                        !rule.has("enabled") || rule.get("enabled").booleanValue(),
                        on,
                        rule.has("stop") && rule.get("stop").booleanValue(),
                        conditions,
                        actions));
            }
            return new RuleSet(coverage, groups, rules);
        }

        private Coverage coverage(JsonNode node, String at) {
            ZoneId zone;
            try {
                zone = ZoneId.of(node.get("timeZone").stringValue());
            } catch (DateTimeException e) {
                error(at + "/timeZone", "Unknown time zone; use a name such as Europe/Berlin.");
                return null;
            }
            Map<DayOfWeek, Coverage.Hours> week = new EnumMap<>(DayOfWeek.class);
            for (Map.Entry<String, JsonNode> day : node.get("hours").properties()) {
                String[] span = day.getValue().stringValue().split("-");
                LocalTime from = LocalTime.parse(span[0]);
                LocalTime to = span[1].equals("24:00") ? null : LocalTime.parse(span[1]);
                if (to != null && !from.isBefore(to)) {
                    error(at + "/hours/" + day.getKey(), "The hours must end after they start.");
                    continue;
                }
                week.put(day(day.getKey()), new Coverage.Hours(from, to));
            }
            return new Coverage(zone, week);
        }

        private static DayOfWeek day(String day) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().substring(0, 3).equalsIgnoreCase(day)) {
                    return d;
                }
            }
            throw new IllegalArgumentException(day);
        }

        private Condition condition(JsonNode node, String at) {
            List<String> kinds = new ArrayList<>();
            for (String kind : List.of("all", "any", "not", "field")) {
                if (node.has(kind)) {
                    kinds.add(kind);
                }
            }
            if (kinds.size() != 1) {
                error(
                        at,
                        kinds.isEmpty()
                                ? "A condition needs one of all, any, not, or field with op and value."
                                : "A condition is one of all, any, not or a test, not " + String.join(" and ", kinds)
                                        + " at once; put them in an all.");
                return null;
            }
            switch (kinds.get(0)) {
                case "all", "any" -> {
                    String kind = kinds.get(0);
                    if (node.has("op") || node.has("value")) {
                        error(at + "/" + (node.has("op") ? "op" : "value"), "'" + kind + "' takes no op or value.");
                    }
                    List<Condition> parts = new ArrayList<>();
                    JsonNode list = node.get(kind);
                    for (int i = 0; i < list.size(); i++) {
                        parts.add(condition(list.get(i), at + "/" + kind + "/" + i));
                    }
                    return kind.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
                }
                case "not" -> {
                    if (node.has("op") || node.has("value")) {
                        error(at + "/" + (node.has("op") ? "op" : "value"), "'not' takes no op or value.");
                    }
                    return new Condition.Not(condition(node.get("not"), at + "/not"));
                }
                default -> {
                    return test(node, at);
                }
            }
        }

        private Condition test(JsonNode node, String at) {
            Condition.Field field = Condition.Field.of(node.get("field").stringValue());
            if (!node.has("op")) {
                error(at + "/op", "Say how to compare " + field.json() + ": " + ops(field) + ".");
                return null;
            }
            Condition.Op op = Condition.Op.of(node.get("op").stringValue());
            if (!field.ops().contains(op)) {
                error(
                        at + "/op",
                        "'" + op.json() + "' does not apply to " + field.json() + "; use " + ops(field) + ".");
                return null;
            }
            if (!node.has("value")) {
                error(at + "/value", "Give the value to compare " + field.json() + " with.");
                return null;
            }
            JsonNode value = node.get("value");
            String vat = at + "/value";
            return switch (field) {
                case NETWORK -> strings(field, op, value, vat, Pattern.compile("^[a-z][a-z0-9_-]{0,31}$"), null);
                case ACCOUNT -> strings(field, op, value, vat, Pattern.compile("^[0-9a-f-]{36}$"), null);
                case LANGUAGE -> strings(field, op, value, vat, LANGUAGE, null);
                case INTENT -> strings(field, op, value, vat, null, INTENTS);
                case SENTIMENT -> strings(field, op, value, vat, null, SENTIMENTS);
                case STATE -> strings(field, op, value, vat, null, STATES);
                case PRIORITY -> strings(field, op, value, vat, null, PRIORITIES);
                case WEEKDAY -> strings(field, op, value, vat, null, DAYS);
                case TAG, CONTACT_TAG -> strings(field, op, value, vat, TAG_SHAPE, null);
                case SPAM, CUSTOMER, REPLY_TO_BRAND, IN_COVERAGE -> {
                    if (!value.isBoolean()) {
                        error(vat, field.json() + " is true or false.");
                        yield null;
                    }
                    if (field == Condition.Field.IN_COVERAGE && coverage == null) {
                        error(at + "/field", "inCoverage needs the rule set's coverage hours; add \"coverage\".");
                    }
                    yield new Condition.Test(field, op, Set.of(), 0, value.booleanValue(), null, null, null);
                }
                case SPAM_SCORE -> {
                    if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
                        error(vat, "spamScore is compared with a number from 0 to 1.");
                        yield null;
                    }
                    yield new Condition.Test(field, op, Set.of(), value.doubleValue(), false, null, null, null);
                }
                case TIME_OF_DAY -> between(value, vat);
                case TEXT -> op == Condition.Op.MATCHES ? regex(value, vat) : phrases(value, vat);
            };
        }

        private Condition between(JsonNode value, String at) {
            if (!value.isArray()
                    || value.size() != 2
                    || !value.get(0).isString()
                    || !value.get(1).isString()) {
                error(at, "timeOfDay between takes two times, e.g. [\"18:00\", \"08:00\"].");
                return null;
            }
            try {
                LocalTime from = LocalTime.parse(value.get(0).stringValue());
                LocalTime to = LocalTime.parse(value.get(1).stringValue());
                if (from.equals(to)) {
                    error(at, "The two times must differ.");
                }
                return new Condition.Test(
                        Condition.Field.TIME_OF_DAY, Condition.Op.BETWEEN, Set.of(), 0, false, null, from, to);
            } catch (DateTimeException e) {
                error(at, "Times are written HH:MM, e.g. 08:30.");
                return null;
            }
        }

        private Condition regex(JsonNode value, String at) {
            if (!value.isString()) {
                error(at, "matches takes a regular expression as a string.");
                return null;
            }
            var problem = SafeRegex.problem(value.stringValue());
            if (problem.isPresent()) {
                error(at, problem.get());
                return null;
            }
            return new Condition.Test(
                    Condition.Field.TEXT,
                    Condition.Op.MATCHES,
                    Set.of(),
                    0,
                    false,
                    SafeRegex.of(value.stringValue()),
                    null,
                    null);
        }

        private Condition phrases(JsonNode value, String at) {
            List<String> phrases = list(value);
            if (phrases == null || phrases.isEmpty() || phrases.size() > 100) {
                error(at, "contains takes a word or phrase, or a list of up to 100.");
                return null;
            }
            Set<String> lower = new LinkedHashSet<>();
            for (int i = 0; i < phrases.size(); i++) {
                String phrase = phrases.get(i).strip().toLowerCase(Locale.ROOT);
                if (phrase.isEmpty() || phrase.length() > 100) {
                    error(value.isArray() ? at + "/" + i : at, "A phrase has between 1 and 100 characters.");
                }
                lower.add(phrase);
            }
            return new Condition.Test(Condition.Field.TEXT, Condition.Op.CONTAINS, lower, 0, false, null, null, null);
        }

        private Condition strings(
                Condition.Field field, Condition.Op op, JsonNode value, String at, Pattern shape, Set<String> allowed) {
            List<String> values = list(value);
            if (values == null || values.isEmpty()) {
                error(at, field.json() + " is compared with a string" + (op == Condition.Op.IN ? " list" : "") + ".");
                return null;
            }
            if (op == Condition.Op.IS && value.isArray()) {
                error(at, "'is' takes one value; use 'in' for a list.");
                return null;
            }
            Set<String> lower = new LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i).strip().toLowerCase(Locale.ROOT);
                String vat = value.isArray() ? at + "/" + i : at;
                if (allowed != null && !allowed.contains(v)) {
                    error(
                            vat,
                            "'" + values.get(i) + "' is no " + field.json() + "; use one of "
                                    + String.join(
                                            ", ", allowed.stream().sorted().toList()) + ".");
                } else if (shape != null && !shape.matcher(v).matches()) {
                    error(vat, "'" + values.get(i) + "' is no valid " + field.json() + ".");
                }
                lower.add(v);
            }
            return new Condition.Test(field, op, lower, 0, false, null, null, null);
        }

        private static List<String> list(JsonNode value) {
            if (value.isString()) {
                return List.of(value.stringValue());
            }
            if (!value.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : value) {
                if (!v.isString()) {
                    return null;
                }
                values.add(v.stringValue());
            }
            return values;
        }

        private static String ops(Condition.Field field) {
            return String.join(
                    ", ", field.ops().stream().map(Condition.Op::json).sorted().toList());
        }

        private static final Map<String, Set<String>> ACTION_FIELDS = Map.of(
                "assign", Set.of("party", "person", "group", "strategy"),
                "priority", Set.of("value"),
                "tag", Set.of("tags"),
                "escalate", Set.of("question", "withinBusinessHours"),
                "suggest-briefing", Set.of("tags"),
                "hide-spam", Set.of(),
                "notify", Set.of("via", "target", "subject"));

        private Action action(JsonNode node, String at, Map<String, List<AccountId>> groups) {
            String type = node.get("type").stringValue();
            Set<String> allowed = ACTION_FIELDS.get(type);
            boolean wrong = false;
            for (String name : node.propertyNames()) {
                if (!name.equals("type") && !allowed.contains(name)) {
                    error(
                            at + "/" + name,
                            "A " + type + " action takes no '" + name + "'"
                                    + (allowed.isEmpty()
                                            ? "."
                                            : "; it takes "
                                                    + String.join(
                                                            ", ",
                                                            allowed.stream()
                                                                    .sorted()
                                                                    .toList()) + "."));
                    wrong = true;
                }
            }
            if (wrong) {
                return null;
            }
            return switch (type) {
                case "assign" -> assign(node, at, groups);
                case "priority" ->
                    required(node, at, "value")
                            ? new Action.SetPriority(Priority.valueOf(
                                    node.get("value").stringValue().toUpperCase(Locale.ROOT)))
                            : null;
                case "tag" -> required(node, at, "tags") ? new Action.AddTags(strings(node.get("tags"))) : null;
                case "suggest-briefing" ->
                    required(node, at, "tags") ? new Action.SuggestBriefing(strings(node.get("tags"))) : null;
                case "escalate" ->
                    required(node, at, "question") && required(node, at, "withinBusinessHours")
                            ? new Action.Escalate(
                                    node.get("question").stringValue().strip(),
                                    node.get("withinBusinessHours").doubleValue())
                            : null;
                case "hide-spam" -> new Action.HideSpam();
                case "notify" -> notify(node, at);
                default -> null;
            };
        }

        private Action assign(JsonNode node, String at, Map<String, List<AccountId>> groups) {
            List<String> whom = new ArrayList<>();
            for (String name : List.of("party", "person", "group")) {
                if (node.has(name)) {
                    whom.add(name);
                }
            }
            if (whom.size() != 1) {
                error(at, "An assign action names one of party, person or group.");
                return null;
            }
            if (node.has("strategy") && !node.has("group")) {
                error(at + "/strategy", "Only a group is assigned by a strategy.");
                return null;
            }
            switch (whom.get(0)) {
                case "party" -> {
                    return new Action.AssignParty(
                            Party.valueOf(node.get("party").stringValue().toUpperCase(Locale.ROOT)));
                }
                case "person" -> {
                    AccountId person = person(node.get("person").stringValue(), at + "/person");
                    return person == null ? null : new Action.AssignPerson(person);
                }
                default -> {
                    String group = node.get("group").stringValue();
                    if (!groups.containsKey(group) && !group.equals("brand") && !group.equals("agency")) {
                        error(
                                at + "/group",
                                "There is no group '" + group
                                        + "'; define it under \"groups\" or use brand or agency.");
                        return null;
                    }
                    String strategy =
                            node.has("strategy") ? node.get("strategy").stringValue() : "round-robin";
                    return new Action.AssignGroup(
                            group,
                            strategy.equals("least-busy") ? Action.Strategy.LEAST_BUSY : Action.Strategy.ROUND_ROBIN);
                }
            }
        }

        private Action notify(JsonNode node, String at) {
            if (!required(node, at, "via") || !required(node, at, "target")) {
                return null;
            }
            Action.Via via = node.get("via").stringValue().equals("email") ? Action.Via.EMAIL : Action.Via.WEBHOOK;
            String target = node.get("target").stringValue().strip();
            if (via == Action.Via.EMAIL && !EMAIL.matcher(target).matches()) {
                error(at + "/target", "'" + target + "' is not an e-mail address.");
                return null;
            }
            if (via == Action.Via.WEBHOOK && !target.startsWith("https://")) {
                error(at + "/target", "A webhook goes to an https:// address.");
                return null;
            }
            return new Action.Notify(
                    via, target, node.has("subject") ? node.get("subject").stringValue() : null);
        }

        private boolean required(JsonNode node, String at, String name) {
            if (!node.has(name)) {
                error(at + "/" + name, "A " + node.get("type").stringValue() + " action needs '" + name + "'.");
                return false;
            }
            return true;
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(v -> values.add(v.stringValue()));
            return values;
        }

        private AccountId person(String id, String at) {
            AccountId person = new AccountId(UUID.fromString(id));
            if (people != null && !people.contains(person)) {
                error(at, "No brand or agency member of this workspace has the id " + id + ".");
                return null;
            }
            return person;
        }
    }
}
