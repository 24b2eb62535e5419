package dev.mandate.ingest;

import dev.mandate.channel.InboundItem;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/** What a valid item looks like; each rule names the field it is about. */
final class ItemRules {

    static final int MAX_TEXT = 20_000;
    static final int MAX_HTML = 200_000;
    static final int MAX_ID = 512;
    static final int MAX_NAME = 200;
    static final int MAX_LINKS = 100;
    static final int MAX_ATTACHMENTS = 20;
    static final int MAX_RAW = 256 * 1024;

    private static final Pattern URL = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

    private ItemRules() {}

    static Optional<Rejection> check(int index, InboundItem item) {
        String problem;
        if ((problem = required(item.account())) != null) {
            return reject(index, "account", problem);
        }
        if ((problem = text(item.externalId(), MAX_ID, true)) != null) {
            return reject(index, "externalId", problem);
        }
        if (item.kind() == null) {
            return reject(
                    index,
                    "kind",
                    "Say what the item is: post, comment, pingback, mention, direct_message, email or monitoring.");
        }
        if ((problem = text(item.parentExternalId(), MAX_ID, false)) != null) {
            return reject(index, "parentExternalId", problem);
        }
        if (item.parentExternalId() != null && item.parentExternalId().equals(item.externalId())) {
            return reject(index, "parentExternalId", "An item cannot reply to itself.");
        }
        if ((problem = text(item.threadRoot(), MAX_ID, false)) != null) {
            return reject(index, "threadRoot", problem);
        }
        if (item.createdAt() == null) {
            return reject(
                    index,
                    "createdAt",
                    "Give the time it was written, as ISO 8601 with an offset (2026-11-22T10:15:00Z).");
        }
        if (item.kind() != InboundItem.Kind.POST) {
            if (item.author() == null
                    || item.author().handle() == null
                    || item.author().handle().isBlank()) {
                return reject(index, "author.handle", "Name who wrote it (their handle, or address for e-mail).");
            }
            if ((problem = text(item.author().handle(), 254, true)) != null) {
                return reject(index, "author.handle", problem);
            }
            if ((problem = text(item.text(), MAX_TEXT, true)) != null) {
                return reject(index, "text", problem);
            }
        } else if ((problem = text(item.text(), MAX_TEXT, false)) != null) {
            return reject(index, "text", problem);
        }
        if (item.author() != null && (problem = text(item.author().name(), MAX_NAME, false)) != null) {
            return reject(index, "author.name", problem);
        }
        if ((problem = text(item.html(), MAX_HTML, false)) != null) {
            return reject(index, "html", problem);
        }
        if ((problem = text(item.title(), 1000, false)) != null) {
            return reject(index, "title", problem);
        }
        if (item.url() != null
                && (!URL.matcher(item.url()).matches() || item.url().length() > 2048)) {
            return reject(index, "url", "A link must be an http or https URL of at most 2048 characters.");
        }
        if (item.language() != null && !LANGUAGE.matcher(item.language()).matches()) {
            return reject(index, "language", "Give the language as a two-letter ISO 639-1 code, e.g. de or en.");
        }
        if (item.links().size() > MAX_LINKS) {
            return reject(index, "links", "At most " + MAX_LINKS + " links.");
        }
        for (String link : item.links()) {
            if (link == null || !URL.matcher(link).matches() || link.length() > 2048) {
                return reject(index, "links", "Each link must be an http or https URL of at most 2048 characters.");
            }
        }
        if (item.attachments().size() > MAX_ATTACHMENTS) {
            return reject(index, "attachments", "At most " + MAX_ATTACHMENTS + " attachments.");
        }
        for (InboundItem.Attachment attachment : item.attachments()) {
            // An e-mail's attachments have no link, only a name: they are listed, not fetched.
            if (attachment == null
                    || (attachment.url() == null
                            ? attachment.name() == null || attachment.name().isBlank()
                            : !URL.matcher(attachment.url()).matches())) {
                return reject(index, "attachments", "Each attachment needs an http or https url, or at least a name.");
            }
        }
        if (item.raw() != null && item.raw().length() > MAX_RAW) {
            return reject(index, "raw", "The raw payload may have at most " + MAX_RAW + " characters.");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(int index, String field, String message) {
        return Optional.of(new Rejection(index, field, message));
    }

    private static String required(String value) {
        return value == null || value.isBlank() ? "This field is required." : null;
    }

    /** Why a text value is unacceptable, or {@code null}. */
    private static String text(String value, int max, boolean required) {
        if (value == null || value.isEmpty()) {
            return required ? "This field is required." : null;
        }
        if (value.length() > max) {
            return "At most " + max + " characters; this has " + value.length() + ".";
        }
        if (value.indexOf('\u0000') >= 0) {
            return "Contains a NUL character.";
        }
        if (value.indexOf('\uFFFD') >= 0) {
            return "Contains bytes that are not valid UTF-8.";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                            && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return "Contains a broken character (a lone surrogate): not valid Unicode.";
            }
        }
        return null;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The list as JSON text for a {@code jsonb} column, or {@code null} when it is empty. */
    static String json(List<?> values) {
        return values.isEmpty() ? null : JSON.writeValueAsString(values);
    }
}
