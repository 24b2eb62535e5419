package dev.mandate.classify.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageDetectionTests {

    // One detector for all tests of the package: loading the models takes about a second.
    static final LanguageDetection DETECTION = LanguageDetection.of(LanguageProperties.defaults());

    @Test
    void detectsGermanWithHighConfidence() {
        Language language = DETECTION.detect(
                "Ich stimme mit Dir in Teilen überein, aber das Outsourcing der Kommunikation halte ich für falsch.");

        assertThat(language.code()).isEqualTo("de");
        // The confidence is the relative distance of the best two likelihoods: above 0.2 is a clear decision.
        assertThat(language.confidence()).isGreaterThan(0.2);
    }

    @Test
    void detectsEnglishIgnoringLinksMentionsAndEmoji() {
        Language language = DETECTION.detect(
                "@mandate_app 😀 Thanks for the reply, I will have a look tomorrow https://example.com/de/artikel");

        assertThat(language.code()).isEqualTo("en");
    }

    @Test
    void callsEmptyAndBlankTextUnknown() {
        assertThat(DETECTION.detect("")).isEqualTo(Language.unknown(0));
        assertThat(DETECTION.detect("   \n\t")).isEqualTo(Language.unknown(0));
        assertThat(DETECTION.detect(null)).isEqualTo(Language.unknown(0));
    }

    @Test
    void callsEmojiDigitsAndLinksOnlyUnknown() {
        assertThat(DETECTION.detect("😀🔥👍 !!! 123")).isEqualTo(Language.unknown(0));
        assertThat(DETECTION.detect("@someone https://example.com/ueber-uns")).isEqualTo(Language.unknown(0));
    }

    @Test
    void callsAShortAmbiguousTextUnknown() {
        assertThat(DETECTION.detect("ok").known()).isFalse();
        assertThat(DETECTION.detect("Super 👍").known()).isFalse();
    }

    @Test
    void namesAShortTextOnlyWhenVerySure() {
        // ö and ß leave only German.
        assertThat(DETECTION.detect("Schönen Gruß")).isEqualTo(new Language("de", 1));
        assertThat(DETECTION.detect("Danke!").code()).isEqualTo("de");
        assertThat(DETECTION.detect("Thank you").code()).isEqualTo(Language.UNKNOWN_CODE);
    }

    @Test
    void letsTheThreadDecideAMixedTextWithWeakEvidence() {
        String mixed = "Pingback: Man kann Social Media outsourcen (Directors Cut) – Macht es Sinn?";

        Language alone = DETECTION.detect(mixed);
        Language inGermanThread = DETECTION.detect(mixed, new Language("de", 1));

        assertThat(alone.code()).isEqualTo("en");
        assertThat(alone.confidence()).isLessThan(0.1);
        assertThat(inGermanThread.code()).isEqualTo("de");
        assertThat(DETECTION
                        .detect("Thanks a lot for the quick answer, that helped me.", new Language("de", 1))
                        .code())
                .isEqualTo("en");
    }

    @Test
    void callsTextInAnotherLatinLanguageUnknownWhenThatLanguageIsLoadedToo() {
        String french = "Merci beaucoup pour votre réponse rapide et très aimable.";
        LanguageDetection withFrench =
                LanguageDetection.of(LanguageProperties.defaults().withOthers(List.of("fr")));

        assertThat(DETECTION.detect(french).code()).isEqualTo("en");
        assertThat(withFrench.detect(french).known()).isFalse();
        assertThat(withFrench
                        .detect("Vielen Dank für die schnelle Antwort, das hat mein Problem gelöst.")
                        .code())
                .isEqualTo("de");
    }

    @Test
    void callsTextInAScriptOfNoConfiguredLanguageUnknown() {
        assertThat(DETECTION
                        .detect("Спасибо за быстрый ответ, это решило мою проблему.")
                        .known())
                .isFalse();
        assertThat(DETECTION.detect("迅速なご回答ありがとうございます。問題が解決しました。").known()).isFalse();
    }

    @Test
    void looksOnlyAtThePrefixOfMegabytesOfText() {
        String megabytes = "Das ist ein langer deutscher Text über Social Media. ".repeat(40_000);

        long start = System.nanoTime();
        Language language = DETECTION.detect(megabytes);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(megabytes.length()).isGreaterThan(2_000_000);
        assertThat(language.code()).isEqualTo("de");
        assertThat(millis).isLessThan(1_000);
    }

    @Test
    void cutsALongTextAtASpaceAndNeverInsideASurrogatePair() {
        assertThat(LanguageDetection.prefix("eins zwei drei", 100)).isEqualTo("eins zwei drei");
        assertThat(LanguageDetection.prefix("eins zwei drei vier", 17)).isEqualTo("eins zwei drei");
        assertThat(LanguageDetection.prefix("aaaaaaaaa😀b", 10)).isEqualTo("aaaaaaaaa");
    }

    @Test
    void keepsOnlyWordsForTheDetector() {
        assertThat(LanguageDetection.words("@anna Schau mal: https://x.de/a?b=1 😀 #Urlaub, info@example.com!"))
                .isEqualTo("Schau mal Urlaub");
    }

    @Test
    void refusesFewerThanTwoLanguagesOrAnUnknownCode() {
        assertThatThrownBy(() -> LanguageDetection.of(
                        new LanguageProperties(List.of("de", "de"), List.of(), 20, 0.2, 0.02, 0.1, 1000, false, 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two");
        assertThatThrownBy(() -> LanguageDetection.of(
                        new LanguageProperties(List.of("de", "xx"), List.of(), 20, 0.2, 0.02, 0.1, 1000, false, 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xx'");
    }

    @Test
    void refusesAnInvalidLanguageCode() {
        assertThatThrownBy(() -> new Language("deu", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Language("de", 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
