package dev.mandate.ingest;

import dev.mandate.channel.InboundItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a delivery's JSON (one item, or an array of them) into items, item by item, so that a malformed item is
 * reported with its index and field while the others go on.
 */
final class IngestJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, InboundItem.Kind> KINDS = Map.of(
            "post", InboundItem.Kind.POST,
            "comment", InboundItem.Kind.COMMENT,
            "reply", InboundItem.Kind.COMMENT,
            "pingback", InboundItem.Kind.PINGBACK,
            "trackback", InboundItem.Kind.PINGBACK,
            "mention", InboundItem.Kind.MENTION,
            "direct_message", InboundItem.Kind.DIRECT_MESSAGE,
            "email", InboundItem.Kind.EMAIL,
            "monitoring", InboundItem.Kind.MONITORING);

    /** Items in order, {@code null} where an item could not be read; its rejection is in {@code rejected}. */
    record Delivery(boolean batch, List<InboundItem> items, List<Rejection> rejected) {}

    /** A body that is not JSON at all, or not an item or an array of them. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private IngestJson() {}

    static Delivery read(byte[] body) {
        // Decoded leniently, so that a broken byte sequence in one field rejects that item, not the delivery.
        // (new String replaces each malformed sequence with U+FFFD, which the item rules then refuse).
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new Unreadable("The body is not valid JSON (" + e.getOriginalMessage() + ").");
        } catch (RuntimeException e) {
            throw new Unreadable("The body is not valid JSON.");
        }
        if (root == null || root.isMissingNode()) {
            throw new Unreadable("The body is empty: send one item as a JSON object, or several as an array.");
        }
        boolean batch = root.isArray();
        if (!batch && !root.isObject()) {
            throw new Unreadable("Send one item as a JSON object, or several as an array of objects.");
        }
        if (batch && root.size() > Ingest.MAX_BATCH) {
            throw new Unreadable("At most " + Ingest.MAX_BATCH + " items per delivery; this has " + root.size() + ".");
        }
        List<InboundItem> items = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        if (batch) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        for (int i = 0; i < nodes.size(); i++) {
            try {
                items.add(item(nodes.get(i)));
            } catch (FieldProblem problem) {
                items.add(null);
                rejected.add(new Rejection(i, problem.field, problem.getMessage()));
            }
        }
        return new Delivery(batch, items, rejected);
    }

    private static InboundItem item(JsonNode node) {
        if (!node.isObject()) {
            throw new FieldProblem("", "Each item must be a JSON object.");
        }
        JsonNode author = node.get("author");
        if (author != null && !author.isNull() && !author.isObject()) {
            throw new FieldProblem("author", "The author is an object: {\"handle\": …, \"name\": …}.");
        }
        return new InboundItem(
                string(node, "account"),
                string(node, "network"),
                string(node, "externalId"),
                string(node, "parentExternalId"),
                string(node, "threadRoot"),
                kind(node),
                author == null || author.isNull()
                        ? null
                        : new InboundItem.Author(
                                string(author, "handle", "author."), string(author, "name", "author."), bool(author)),
                string(node, "text"),
                string(node, "html"),
                string(node, "title"),
                string(node, "url"),
                lower(string(node, "language")),
                strings(node, "links"),
                attachments(node),
                time(node),
                raw(node));
    }

    private static String string(JsonNode node, String field) {
        return string(node, field, "");
    }

    private static String string(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asString();
        }
        if (!value.isString()) {
            throw new FieldProblem(prefix + field, "Must be text.");
        }
        return value.stringValue();
    }

    private static Boolean bool(JsonNode author) {
        JsonNode value = author.get("brand");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new FieldProblem("author.brand", "Must be true or false.");
        }
        return value.booleanValue();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static InboundItem.Kind kind(JsonNode node) {
        String kind = string(node, "kind");
        if (kind == null) {
            return node.has("parentExternalId") ? InboundItem.Kind.COMMENT : null;
        }
        InboundItem.Kind known = KINDS.get(kind.toLowerCase(Locale.ROOT));
        if (known == null) {
            throw new FieldProblem(
                    "kind", "Unknown kind '" + kind + "': use one of " + String.join(", ", KINDS.keySet()) + ".");
        }
        return known;
    }

    private static Instant time(JsonNode node) {
        String value = string(node, "createdAt");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new FieldProblem(
                    "createdAt",
                    "Not a valid time: '" + abbreviate(value)
                            + "'. Use ISO 8601 with an offset, e.g. 2026-11-22T10:15:00Z.");
        }
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new FieldProblem(field, "Must be an array of text.");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw new FieldProblem(field, "Must be an array of text.");
            }
            list.add(element.stringValue());
        }
        return list;
    }

    private static List<InboundItem.Attachment> attachments(JsonNode node) {
        JsonNode value = node.get("attachments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new FieldProblem("attachments", "Must be an array of {url, mediaType, name}.");
        }
        List<InboundItem.Attachment> list = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isObject()) {
                throw new FieldProblem("attachments", "Must be an array of {url, mediaType, name}.");
            }
            list.add(new InboundItem.Attachment(
                    string(element, "url", "attachments."),
                    string(element, "mediaType", "attachments."),
                    string(element, "name", "attachments.")));
        }
        return list;
    }

    private static String raw(JsonNode node) {
        JsonNode value = node.get("raw");
        return value == null || value.isNull() ? null : JSON.writeValueAsString(value);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** A field that could not be read into an item. */
    private static final class FieldProblem extends RuntimeException {
        private final String field;

        FieldProblem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
