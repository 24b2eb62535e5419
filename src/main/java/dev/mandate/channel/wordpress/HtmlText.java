package dev.mandate.channel.wordpress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress's rendered HTML as the plain text a person reads: paragraphs and line breaks kept, tags, comments and
 * scripts dropped, character references decoded.
 */
final class HtmlText {

    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern HIDDEN =
            Pattern.compile("<(script|style)\\b[^>]*>.*?</\\1\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_END = Pattern.compile(
            "</(p|div|blockquote|h[1-6]|ul|ol|pre|table|tr)\\s*>|<(p|div|blockquote|h[1-6]|ul|ol|pre|table|tr)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern HREF =
            Pattern.compile("<a\\b[^>]*?\\bhref\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", "\u00A0"),
            Map.entry("hellip", "…"),
            Map.entry("ndash", "–"),
            Map.entry("mdash", "—"),
            Map.entry("lsquo", "‘"),
            Map.entry("rsquo", "’"),
            Map.entry("sbquo", "‚"),
            Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"),
            Map.entry("bdquo", "„"),
            Map.entry("laquo", "«"),
            Map.entry("raquo", "»"),
            Map.entry("times", "×"),
            Map.entry("euro", "€"),
            Map.entry("copy", "©"),
            Map.entry("reg", "®"),
            Map.entry("trade", "™"),
            Map.entry("auml", "ä"),
            Map.entry("ouml", "ö"),
            Map.entry("uuml", "ü"),
            Map.entry("Auml", "Ä"),
            Map.entry("Ouml", "Ö"),
            Map.entry("Uuml", "Ü"),
            Map.entry("szlig", "ß"),
            Map.entry("eacute", "é"),
            Map.entry("egrave", "è"),
            Map.entry("agrave", "à"),
            Map.entry("ccedil", "ç"));

    private HtmlText() {}

    /** The text of {@code html}; empty for {@code null}. */
    static String plain(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String text = COMMENTS.matcher(html).replaceAll("");
        text = HIDDEN.matcher(text).replaceAll("");
        // Source line breaks inside a paragraph are not breaks a reader sees; WordPress marks real ones with <br>.
        text = text.replace("\r\n", "\n").replace('\n', ' ');
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = BLOCK_END.matcher(text).replaceAll("\n\n");
        text = ITEM.matcher(text).replaceAll("\n• ");
        text = TAG.matcher(text).replaceAll("");
        text = decode(text);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.replace('\u00A0', ' ').replaceAll("[ \t]+", " ").strip())
                    .append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** The http(s) links of {@code html}'s anchors, in order, each once. */
    static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        if (html == null) {
            return links;
        }
        Matcher matcher = HREF.matcher(html);
        while (matcher.find() && links.size() < 100) {
            String link = decode(matcher.group(1)).strip();
            if ((link.startsWith("http://") || link.startsWith("https://"))
                    && link.length() <= 2048
                    && !link.matches(".*\\s.*")
                    && !links.contains(link)) {
                links.add(link);
            }
        }
        return links;
    }

    /** Plain text as HTML that WordPress stores and shows as written (its paragraphs come from the line breaks). */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String decode(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(name.substring(2), 16), matcher.group());
            } else if (name.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(name.substring(1)), matcher.group());
            } else {
                replacement = NAMED.getOrDefault(name, matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int value, String otherwise) {
        return Character.isValidCodePoint(value) && value != 0 && (value < 0xD800 || value > 0xDFFF)
                ? new String(Character.toChars(value))
                : otherwise;
    }
}
