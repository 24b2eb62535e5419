package dev.mandate.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * HTML that a network delivers (a comment, a mail without a plain-text part, a feed entry) as the plain text a person
 * reads: paragraphs and line breaks kept, list items on lines of their own, scripts, styles and comments dropped,
 * every character reference decoded, control characters and the replacement character (a reference to nothing, such as
 * {@code &#0;}) left out. Parsed with jsoup, so that broken markup reads as a browser would show it. The
 * HTML itself is kept apart by the inbox and never rendered unescaped.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "pre",
            "table",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "address",
            "figure",
            "hr",
            "dl",
            "dt",
            "dd");
    private static final int MAX_LINKS = 100;

    private HtmlText() {}

    /** The text of {@code html}; empty for {@code null}. */
    public static String plain(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html);
        document.select("script, style, noscript, template").remove();
        StringBuilder out = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    // Line breaks in the source are not breaks a reader sees; <br> and blocks are.
                    out.append(text.getWholeText()
                            .replaceAll("[\\p{Cc}\uFFFD&&[^\\s]]", "")
                            .replaceAll("[\\s\u00A0]+", " "));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    } else if (tag.equals("li")) {
                        out.append("\n• ");
                    } else if (BLOCKS.contains(tag)) {
                        out.append("\n\n");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        });
        StringBuilder text = new StringBuilder();
        for (String line : out.toString().split("\n", -1)) {
            text.append(line.strip()).append('\n');
        }
        return text.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** The http(s) links of {@code html}'s anchors, in order, each once (at most 100). */
    public static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        if (html == null || html.isBlank()) {
            return links;
        }
        for (Element anchor : Jsoup.parse(html).select("a[href]")) {
            String link = anchor.attr("href").strip();
            if ((link.startsWith("http://") || link.startsWith("https://"))
                    && link.length() <= 2048
                    && !link.matches(".*\\s.*")
                    && !links.contains(link)) {
                links.add(link);
                if (links.size() == MAX_LINKS) {
                    break;
                }
            }
        }
        return links;
    }

    /** Plain text as HTML that shows it as written: {@code & < > "} escaped. */
    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
