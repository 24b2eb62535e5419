package dev.mandate.channel.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain text of a feed entry's HTML title or summary, for keyword matching and the inbox: scripts and styles
 * dropped, tags removed, entities decoded. The HTML itself is kept apart and never rendered unescaped.
 */
final class EntryText {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/h[1-6]|/blockquote)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private EntryText() {}

    static String of(String html) {
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString()
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" *\n *", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static String entity(String name, String whole) {
        if (name.startsWith("#")) {
            try {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int code = hex ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "";
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            case "auml" -> "ä";
            case "ouml" -> "ö";
            case "uuml" -> "ü";
            case "Auml" -> "Ä";
            case "Ouml" -> "Ö";
            case "Uuml" -> "Ü";
            case "szlig" -> "ß";
            case "euro" -> "€";
            case "hellip" -> "…";
            case "ndash" -> "–";
            case "mdash" -> "—";
            default -> whole;
        };
    }
}
