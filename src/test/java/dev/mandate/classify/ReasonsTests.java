package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonsTests {

    private final Reasons reasons = new Reasons();

    @Test
    void saysSignalsAndCuesInWords() {
        assertThat(reasons.describe("signal:off-topic")).isEqualTo("off the topic of the post it answers");
        assertThat(reasons.describe("signal:links-to-context")).startsWith("a link back to the post it answers");
        assertThat(reasons.describe("cue:purchase")).startsWith("a buying word");
    }

    @Test
    void namesTheWordsLinksAndLengthsAFeatureStandsFor() {
        assertThat(reasons.describe("w:outsourcing")).isEqualTo("the word “outsourcing”");
        assertThat(reasons.describe("b:check out")).isEqualTo("the words “check out”");
        assertThat(reasons.describe("b:^ hey")).isEqualTo("opens with “hey”");
        assertThat(reasons.describe("b:thanks $")).isEqualTo("ends with “thanks”");
        assertThat(reasons.describe("c: gu")).isEqualTo("the letters “gu”");
        assertThat(reasons.describe("domain:bit.ly")).isEqualTo("a link to bit.ly");
        assertThat(reasons.describe("tld:ru")).isEqualTo("a link to a .ru address");
        assertThat(reasons.describe("len:tiny")).isEqualTo("a very short text");
        assertThat(reasons.describe("w:#3")).isEqualTo("a 3-digit number");
        assertThat(reasons.describe("w:#8")).isEqualTo("a number of 8 digits or more");
    }

    @Test
    void showsAnUnknownCodeAsItIs() {
        assertThat(reasons.describe("signal:something-new")).isEqualTo("signal:something-new");
        assertThat(reasons.describe("plain")).isEqualTo("plain");
        assertThat(reasons.describe(null)).isEmpty();
    }
}
