package dev.mandate.routing;

import dev.mandate.classify.Classification;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a rule matches: all of some conditions, any of them, not one, or a test of one fact. Matching answers why, in
 * the words a conversation's page shows ("intent=lead", "customer", "text contains \"preis\"").
 */
sealed interface Condition {

    /** The reasons it matched, or {@code null} when it does not. */
    List<String> match(Facts facts, Context context);

    /** The condition in words, for the rule list. */
    String describe();

    /**
     * What matching needs beyond the facts.
     *
     * @param zone where times of day and weekdays are read
     * @param regexBudget the steps a regular expression may take on one message
     */
    record Context(ZoneId zone, Coverage coverage, long regexBudget) {}

    record All(List<Condition> conditions) implements Condition {

        @Override
        public List<String> match(Facts facts, Context context) {
            List<String> why = new ArrayList<>();
            for (Condition c : conditions) {
                List<String> reasons = c.match(facts, context);
                if (reasons == null) {
                    return null;
                }
                why.addAll(reasons);
            }
            return why;
        }

        @Override
        public String describe() {
            return conditions.size() == 1
                    ? conditions.get(0).describe()
                    : conditions.stream().map(Condition::describe).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    record Any(List<Condition> conditions) implements Condition {

        @Override
        public List<String> match(Facts facts, Context context) {
            for (Condition c : conditions) {
                List<String> reasons = c.match(facts, context);
                if (reasons != null) {
                    return reasons;
                }
            }
            return null;
        }

        @Override
        public String describe() {
            return conditions.size() == 1
                    ? conditions.get(0).describe()
                    : conditions.stream().map(Condition::describe).collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    record Not(Condition condition) implements Condition {

        @Override
        public List<String> match(Facts facts, Context context) {
            return condition.match(facts, context) == null ? List.of("not " + condition.describe()) : null;
        }

        @Override
        public String describe() {
            return "not " + condition.describe();
        }
    }

    /**
     * A test of one fact.
     *
     * @param values the values for {@code is}, {@code in}, {@code has} and {@code contains} (lower case)
     * @param number the bound for {@code gte}, {@code gt}, {@code lte}, {@code lt}
     * @param flag the value for boolean facts
     * @param regex the expression for {@code matches}
     * @param from the start of a {@code between} time of day; {@code to} its end
     */
    record Test(
            Field field,
            Op op,
            Set<String> values,
            double number,
            boolean flag,
            SafeRegex regex,
            LocalTime from,
            LocalTime to)
            implements Condition {

        @Override
        public List<String> match(Facts facts, Context context) {
            Classification c = facts.classification();
            return switch (field) {
                case NETWORK -> among(facts.network());
                case ACCOUNT -> among(facts.account());
                case LANGUAGE -> among(facts.language());
                case INTENT ->
                    c == null ? null : among(c.intent().label().name().toLowerCase(Locale.ROOT));
                case SENTIMENT ->
                    c == null ? null : among(c.sentiment().polarity().name().toLowerCase(Locale.ROOT));
                case SPAM -> c == null ? null : flag(c.spam().spam());
                case SPAM_SCORE -> c == null ? null : compare(c.spam().score());
                case CUSTOMER -> flag(facts.customer());
                case REPLY_TO_BRAND -> flag(facts.replyToBrand());
                case IN_COVERAGE -> flag(context.coverage().covers(facts.at()));
                case TAG -> facts.tags().containsAll(values) ? List.of("#" + String.join(" #", values)) : null;
                case CONTACT_TAG ->
                    facts.contactTags().containsAll(values) ? List.of("contact #" + String.join(" #", values)) : null;
                case STATE -> among(facts.state().name().toLowerCase(Locale.ROOT));
                case PRIORITY -> among(facts.priority().name().toLowerCase(Locale.ROOT));
                case WEEKDAY ->
                    among(facts.at()
                            .atZone(context.zone())
                            .getDayOfWeek()
                            .name()
                            .substring(0, 3)
                            .toLowerCase(Locale.ROOT));
                case TIME_OF_DAY -> between(facts.at().atZone(context.zone()));
                case TEXT -> op == Op.MATCHES ? regex(facts.text(), context) : contains(facts.text());
            };
        }

        private List<String> among(String actual) {
            return actual != null && values.contains(actual.toLowerCase(Locale.ROOT))
                    ? List.of(field.json() + "=" + actual.toLowerCase(Locale.ROOT))
                    : null;
        }

        private List<String> flag(boolean actual) {
            if (actual != flag) {
                return null;
            }
            return List.of(
                    switch (field) {
                        case CUSTOMER -> actual ? "customer" : "not a customer";
                        case REPLY_TO_BRAND -> actual ? "reply to the brand" : "not a reply to the brand";
                        case IN_COVERAGE -> actual ? "within coverage hours" : "outside coverage hours";
                        default -> field.json() + "=" + actual;
                    });
        }

        private List<String> compare(double actual) {
            boolean matches = switch (op) {
                case GTE -> actual >= number;
                case GT -> actual > number;
                case LTE -> actual <= number;
                case LT -> actual < number;
                default -> false;
            };
            return matches ? List.of(field.json() + "=" + String.format(Locale.ROOT, "%.2f", actual)) : null;
        }

        private List<String> between(ZonedDateTime at) {
            LocalTime time = at.toLocalTime();
            boolean inside = from.isBefore(to)
                    ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to); // across midnight, e.g. 22:00-06:00
            return inside ? List.of("time " + time.withSecond(0).withNano(0)) : null;
        }

        private List<String> contains(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String phrase : values) {
                if (Phrases.found(lower, phrase)) {
                    return List.of("text contains \"" + phrase + "\"");
                }
            }
            return null;
        }

        private List<String> regex(String text, Context context) {
            return regex.find(text, context.regexBudget()) ? List.of("text matches /" + regex.source() + "/") : null;
        }

        @Override
        public String describe() {
            String list = values == null
                    ? ""
                    : String.join(", ", values.stream().sorted().toList());
            return switch (op) {
                case IS ->
                    switch (field) {
                        case CUSTOMER -> flag ? "the author is a customer" : "the author is not a customer";
                        case REPLY_TO_BRAND -> flag ? "it replies to the brand" : "it does not reply to the brand";
                        case IN_COVERAGE -> flag ? "within coverage hours" : "outside coverage hours";
                        case SPAM -> flag ? "it is spam" : "it is not spam";
                        default -> field.json() + " is " + list;
                    };
                case IN -> field.json() + " is one of " + list;
                case HAS ->
                    (field == Field.CONTACT_TAG ? "the contact is tagged #" : "tagged #") + String.join(" #", values);
                case CONTAINS ->
                    "text contains "
                            + (values.size() == 1
                                    ? "\"" + list + "\""
                                    : "one of \""
                                            + String.join(
                                                    "\", \"",
                                                    values.stream().sorted().toList()) + "\"");
                case MATCHES -> "text matches /" + regex.source() + "/";
                case GTE -> field.json() + " ≥ " + number;
                case GT -> field.json() + " > " + number;
                case LTE -> field.json() + " ≤ " + number;
                case LT -> field.json() + " < " + number;
                case BETWEEN -> "between " + from + " and " + to;
            };
        }
    }

    /** The facts a test can read, with the operators each takes. */
    enum Field {
        NETWORK("network", Set.of(Op.IS, Op.IN)),
        ACCOUNT("account", Set.of(Op.IS, Op.IN)),
        LANGUAGE("language", Set.of(Op.IS, Op.IN)),
        INTENT("intent", Set.of(Op.IS, Op.IN)),
        SENTIMENT("sentiment", Set.of(Op.IS, Op.IN)),
        SPAM("spam", Set.of(Op.IS)),
        SPAM_SCORE("spamScore", Set.of(Op.GTE, Op.GT, Op.LTE, Op.LT)),
        TEXT("text", Set.of(Op.CONTAINS, Op.MATCHES)),
        CUSTOMER("customer", Set.of(Op.IS)),
        TAG("tag", Set.of(Op.HAS)),
        CONTACT_TAG("contactTag", Set.of(Op.HAS)),
        REPLY_TO_BRAND("replyToBrand", Set.of(Op.IS)),
        IN_COVERAGE("inCoverage", Set.of(Op.IS)),
        TIME_OF_DAY("timeOfDay", Set.of(Op.BETWEEN)),
        WEEKDAY("weekday", Set.of(Op.IS, Op.IN)),
        STATE("state", Set.of(Op.IS, Op.IN)),
        PRIORITY("priority", Set.of(Op.IS, Op.IN));

        private final String json;
        private final Set<Op> ops;

        Field(String json, Set<Op> ops) {
            this.json = json;
            this.ops = ops;
        }

        String json() {
            return json;
        }

        Set<Op> ops() {
            return ops;
        }

        static Field of(String json) {
            for (Field f : values()) {
                if (f.json.equals(json)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** How a test compares. */
    enum Op {
        IS,
        IN,
        CONTAINS,
        MATCHES,
        GTE,
        GT,
        LTE,
        LT,
        HAS,
        BETWEEN;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Op of(String json) {
            for (Op o : values()) {
                if (o.json().equals(json)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** Keywords and phrases found where a word starts, in any case: "preis" finds "Preise", not "Kaufpreis". */
    final class Phrases {

        private Phrases() {}

        static boolean found(String lowerText, String lowerPhrase) {
            int from = 0;
            while (true) {
                int at = lowerText.indexOf(lowerPhrase, from);
                if (at < 0) {
                    return false;
                }
                if (at == 0 || !Character.isLetterOrDigit(lowerText.charAt(at - 1))) {
                    return true;
                }
                from = at + 1;
            }
        }
    }
}
