package dev.mandate.inbox;

import dev.mandate.classify.Abuse;
import dev.mandate.classify.Classification;
import dev.mandate.classify.Intent;
import dev.mandate.classify.Sentiment;
import dev.mandate.classify.Spam;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A classification as the {@code inbox.message.classification} column keeps it: every verdict with its score and
 * reasons, written by hand so that the stored shape does not follow a record's accessors by accident.
 */
final class ClassificationJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClassificationJson() {}

    static String write(Classification c) {
        if (c == null) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode spam = root.putObject("spam");
        spam.put("score", c.spam().score());
        spam.put("verdict", c.spam().verdict().name());
        reasons(spam, c.spam().reasons());
        root.put("language", c.language());
        root.put("languageConfidence", c.languageConfidence());
        ObjectNode intent = root.putObject("intent");
        intent.put("label", c.intent().label().name());
        intent.put("confidence", c.intent().confidence());
        reasons(intent, c.intent().reasons());
        ObjectNode sentiment = root.putObject("sentiment");
        sentiment.put("polarity", c.sentiment().polarity().name());
        sentiment.put("score", c.sentiment().score());
        reasons(sentiment, c.sentiment().reasons());
        ObjectNode abuse = root.putObject("abuse");
        abuse.put("flagged", c.abuse().flagged());
        abuse.put("score", c.abuse().score());
        reasons(abuse, c.abuse().reasons());
        return JSON.writeValueAsString(root);
    }

    /** The stored classification, or {@code null} when there is none or it cannot be read. */
    static Classification read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode spam = root.path("spam");
            JsonNode intent = root.path("intent");
            JsonNode sentiment = root.path("sentiment");
            JsonNode abuse = root.path("abuse");
            return new Classification(
                    new Spam(
                            spam.path("score").asDouble(),
                            Spam.Verdict.valueOf(spam.path("verdict").asString()),
                            reasons(spam)),
                    root.path("language").asString("unknown"),
                    root.path("languageConfidence").asDouble(),
                    new Intent(
                            Intent.Label.valueOf(intent.path("label").asString()),
                            intent.path("confidence").asDouble(),
                            reasons(intent)),
                    new Sentiment(
                            Sentiment.Polarity.valueOf(
                                    sentiment.path("polarity").asString()),
                            sentiment.path("score").asDouble(),
                            reasons(sentiment)),
                    new Abuse(
                            abuse.path("flagged").asBoolean(),
                            abuse.path("score").asDouble(),
                            reasons(abuse)));
        } catch (RuntimeException e) {
            return null; // written by an older shape: the message is shown without it
        }
    }

    private static void reasons(ObjectNode node, List<String> reasons) {
        ArrayNode array = node.putArray("reasons");
        reasons.forEach(array::add);
    }

    private static List<String> reasons(JsonNode node) {
        List<String> reasons = new ArrayList<>();
        node.path("reasons").forEach(r -> reasons.add(r.asString()));
        return reasons;
    }
}
