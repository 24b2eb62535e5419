package dev.mandate.channel.email;

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

        assertThat(HtmlText.of(html)).isEqualTo("Guten Tag,\n\ndie Rechnung für März & April\nkam doppelt.\n\nGrüße");
    }

    @Test
    void leavesUnknownEntitiesAndPlainTextAlone() {
        assertThat(HtmlText.of("a &unknown; b &#0; c")).isEqualTo("a &unknown; b c");
        assertThat(HtmlText.of("no tags at all")).isEqualTo("no tags at all");
    }
}
