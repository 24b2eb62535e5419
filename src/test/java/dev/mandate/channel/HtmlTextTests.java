package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text the inbox shows for a mail that has only HTML. */
class HtmlTextTests {

    @Test
    void keepsTheTextOfAnHtmlMailWithItsLineBreaks() {
        String html = """
                <html><head><title>Newsletter</title><style>p { color: red }</style></head>
                <body><p>Guten Tag,</p><p>die Rechnung f&uuml;r M&auml;rz &amp; April<br>kam doppelt.</p>
                <script>alert('x')</script><!-- tracking --><div>Gr&#252;&#xDF;e</div></body></html>
                """;

        assertThat(HtmlText.plain(html))
                .isEqualTo("Guten Tag,\n\ndie Rechnung für März & April\nkam doppelt.\n\nGrüße");
    }

    @Test
    void leavesUnknownEntitiesAndPlainTextAlone() {
        assertThat(HtmlText.plain("a &unknown; b &#0; c")).isEqualTo("a &unknown; b c");
        assertThat(HtmlText.plain("no tags at all")).isEqualTo("no tags at all");
    }

    @Test
    void putsListItemsOnLinesOfTheirOwnAndReadsBrokenMarkupAsABrowserWould() {
        assertThat(HtmlText.plain("<p>Wir haben:<ul><li>Dinkel<li>Roggen</ul>und <b>mehr"))
                .isEqualTo("Wir haben:\n\n• Dinkel\n• Roggen\n\nund mehr");
        assertThat(HtmlText.plain(null)).isEmpty();
    }

    @Test
    void findsEachHttpLinkOnce() {
        assertThat(HtmlText.links(
                        "<a href=\"https://a.example/x?y=1&amp;z=2\">a</a> <a href=\"https://a.example/x?y=1&z=2\">again</a>"
                                + " <a href=\"javascript:alert(1)\">no</a>"))
                .containsExactly("https://a.example/x?y=1&z=2");
    }
}
