package dev.mandate.classify;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links in a text and what they point at: found by one pattern whose repetitions are bounded (a text of
 * 20,000 characters of {@code a.a.a.} or {@code a-a-a-} is scanned in milliseconds, never overflowing the stack), and
 * compared by {@link #key}, so that a link back to the post a comment answers is recognised however it is written.
 */
final class Links {

    /** A link with its scheme or {@code www.}, or a bare domain under one of the commonest top-level domains. */
    static final Pattern PATTERN = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]{1,2000}"
            + "|\\b[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,8}\\.(?:com|net|org|info|biz|ly|co|me|tk|de|uk|ru)"
            + "(?:/[^\\s<>\"]{0,2000})?\\b");

    private static final Pattern SCHEME = Pattern.compile("(?i)^https?://");
    private static final Pattern WWW = Pattern.compile("(?i)^(?:www|m)\\.");
    private static final Pattern PORT = Pattern.compile("^([^/:]+):\\d+");
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]'\"]+$");
    private static final Pattern YOUTUBE_VIDEO = Pattern.compile(
            "(?i)^(?:youtube\\.com/(?:watch\\?(?:[^#]*&)?v=|embed/|shorts/|live/|v/)|youtu\\.be/)([a-z0-9_-]{6,})");

    /** Query parameters that say where a reader came from, not which page they get. */
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "si", "feature", "ref", "igshid");

    private Links() {}

    /**
     * What a link points at, with what does not change the page left out: scheme, {@code www.} or {@code m.}, a
     * port, the fragment, tracking parameters ({@code utm_*}, {@code fbclid}, …), punctuation the link ends a
     * sentence with, a closing slash; a video's id for the ways of linking a YouTube video ({@code youtu.be/ID},
     * {@code youtube.com/watch?v=ID&t=2m19s}). The rest of the query stays: {@code profile.php?id=1} and
     * {@code ?id=2} are different pages.
     */
    static String key(String link) {
        String bare = TRAILING.matcher(link.replace("&amp;", "&")).replaceFirst("");
        bare = WWW.matcher(SCHEME.matcher(bare).replaceFirst("")).replaceFirst("");
        bare = PORT.matcher(bare).replaceFirst("$1");
        Matcher video = YOUTUBE_VIDEO.matcher(bare);
        if (video.find()) {
            return "video:" + video.group(1);
        }
        int hash = bare.indexOf('#');
        String page = hash < 0 ? bare : bare.substring(0, hash);
        int question = page.indexOf('?');
        String query = question < 0 ? "" : page.substring(question + 1);
        String path = question < 0 ? page : page.substring(0, question);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.indexOf('/');
        String host = (slash < 0 ? path : path.substring(0, slash)).toLowerCase(Locale.ROOT);
        StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(parameter);
            }
        }
        return host + (slash < 0 ? "" : path.substring(slash)) + kept;
    }

    /**
     * The text without its links to pages the context links to (or is: a post's context holds its own address).
     * The text itself when nothing is left out.
     */
    static String withoutLinksTo(String text, String context) {
        if (text == null || context == null || context.isBlank()) {
            return text;
        }
        String contextCut = cut(context);
        if (!mayHoldLink(contextCut)) {
            return text;
        }
        Set<String> targets = new HashSet<>();
        Matcher inContext = PATTERN.matcher(contextCut);
        while (inContext.find()) {
            targets.add(key(inContext.group()));
        }
        if (targets.isEmpty()) {
            return text;
        }
        String cut = cut(text);
        Matcher links = PATTERN.matcher(cut);
        StringBuilder rest = null;
        int end = 0;
        while (links.find()) {
            if (targets.contains(key(links.group()))) {
                rest = rest == null ? new StringBuilder(cut.length()) : rest;
                rest.append(cut, end, links.start()).append(' ');
                end = links.end();
            }
        }
        return rest == null ? text : rest.append(cut, end, cut.length()).toString();
    }

    /** The text with every link left out: what it says in words, for comparing topics. */
    static String withoutLinks(String text) {
        if (text == null) {
            return null;
        }
        String cut = cut(text);
        return mayHoldLink(cut) ? PATTERN.matcher(cut).replaceAll(" ") : cut;
    }

    /**
     * Whether {@link #PATTERN} may find anything in the text: each of its links holds {@code ://}, {@code www.} or a
     * dot before the first letter of one of its top-level domains, so a text without any of them (most comments, and
     * most posts a comment is read against) is not searched. A necessary condition only: a text it lets through may
     * still hold no link.
     */
    static boolean mayHoldLink(String text) {
        for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
            if (i + 1 < text.length() && TLD_INITIALS.indexOf(Character.toLowerCase(text.charAt(i + 1))) >= 0) {
                return true;
            }
            if (i > 0 && Character.toLowerCase(text.charAt(i - 1)) == 'w') {
                return true;
            }
        }
        return text.contains("://");
    }

    // the first letters of the top-level domains PATTERN knows without a scheme
    private static final String TLD_INITIALS = "cnoiblmtdur";

    private static String cut(String text) {
        return text.length() > TextFeatures.MAX_CHARACTERS ? text.substring(0, TextFeatures.MAX_CHARACTERS) : text;
    }
}
