package dev.mandate.classify;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Says a classifier's reason in words a person reads: the code {@code signal:off-topic} as <em>off the topic of the
 * post it answers</em>, {@code b:check out} as <em>the words check out</em>. The stored and exported reasons stay the
 * classifiers' own codes; pages show these words, with the code beside them for whoever wants it.
 */
@Component("reasons")
public class Reasons {

    private static final Map<String, String> SIGNALS = Map.ofEntries(
            Map.entry("signal:off-topic", "off the topic of the post it answers"),
            Map.entry("signal:on-topic", "on the topic of the post it answers"),
            Map.entry("signal:links-to-context", "a link back to the post it answers (not read as a link out)"),
            Map.entry("signal:author-spam-history", "the author's earlier messages were spam"),
            Map.entry("signal:author-good-history", "the author wrote wanted messages before"),
            Map.entry("signal:repeated-text", "the same text came in other conversations"),
            Map.entry("signal:link", "contains a link"),
            Map.entry("signal:links", "contains several links"),
            Map.entry("signal:shortener", "a link shortener hides where a link goes"),
            Map.entry("signal:channel-link", "links to a channel or profile"),
            Map.entry("signal:self-promotion", "promotes the author's own channel, video or page"),
            Map.entry("signal:call-to-action", "asks readers to subscribe, visit, like or share"),
            Map.entry("signal:long-number", "holds a long number"),
            Map.entry("signal:shouting", "written mostly in capitals"),
            Map.entry("signal:exclamations", "three or more exclamation marks"),
            Map.entry("signal:exclamation", "an exclamation mark"),
            Map.entry("signal:question-mark", "a question mark"),
            Map.entry("signal:closing-question", "closes by asking the reader"),
            Map.entry("signal:closing-praise", "closes with praise"),
            Map.entry("signal:long", "a long comment that argues"),
            Map.entry("signal:no-cue", "nothing it asks for or reports"),
            Map.entry("signal:no-words", "no words"),
            Map.entry("signal:pingback", "a pingback from another site"),
            Map.entry("signal:empty", "no text"),
            Map.entry("cue:interrogative", "opens a question (how, what, can …)"),
            Map.entry("cue:purchase", "a buying word (price, offer, order …)"),
            Map.entry("cue:problem", "a problem word (broken, refund, still …)"),
            Map.entry("cue:negation", "a negation"),
            Map.entry("cue:want", "says what the writer wants"),
            Map.entry("cue:praise", "a word of praise"),
            Map.entry("cue:opinion", "gives an opinion (think, agree …)"));

    private static final Map<String, String> LENGTHS = Map.of(
            "len:tiny", "very short", "len:short", "short", "len:medium", "of medium length", "len:long", "long");

    /** The reason in words; a code this does not know is shown as it is. */
    public String describe(String reason) {
        if (reason == null) {
            return "";
        }
        String known = SIGNALS.get(reason);
        if (known != null) {
            return known;
        }
        if (LENGTHS.containsKey(reason)) {
            return "a " + LENGTHS.get(reason) + " text";
        }
        int colon = reason.indexOf(':');
        String value = colon < 0 ? "" : reason.substring(colon + 1);
        return switch (colon < 0 ? reason : reason.substring(0, colon)) {
            case "w" -> value.startsWith("#") ? number(value.substring(1)) : "the word “" + value + "”";
            case "b" -> phrase(value);
            case "c" -> "the letters “" + value.strip() + "”";
            case "domain" -> "a link to " + value;
            case "tld" -> "a link to a ." + value + " address";
            default -> reason;
        };
    }

    // words that are numbers are read as their length, at most 8
    private static String number(String digits) {
        return digits.equals("8") ? "a number of 8 digits or more" : "a " + digits + "-digit number";
    }

    // a word pair; "^" and "$" mark the start and the end of the text
    private static String phrase(String pair) {
        if (pair.startsWith("^ ")) {
            return "opens with “" + pair.substring(2) + "”";
        }
        if (pair.endsWith(" $")) {
            return "ends with “" + pair.substring(0, pair.length() - 2) + "”";
        }
        return "the words “" + pair + "”";
    }
}
