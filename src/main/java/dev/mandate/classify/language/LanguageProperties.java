package dev.mandate.classify.language;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of language detection ({@code mandate.classify.language.*}, e.g.
 * {@code MANDATE_CLASSIFY_LANGUAGE_LANGUAGES=de,en,fr}).
 *
 * @param languages the ISO 639-1 codes a message may be recognised as; only their models are loaded (at least two,
 *     since a detector chooses between languages)
 * @param others ISO 639-1 codes of languages loaded only so that text in them is {@code unknown} rather than the
 *     nearest configured language (a French comment is otherwise named German or English); each costs memory
 * @param minLength texts with fewer characters than this, once links, mentions, e-mail addresses, emoji and
 *     punctuation are taken out, are {@code unknown} unless the detector is at least {@code shortTextConfidence} sure
 * @param shortTextConfidence how sure the detector must be to name the language of a short text ("Danke" is 0.23,
 *     "ok" 0.01)
 * @param minConfidence below this confidence any text is {@code unknown}; the confidence is the relative distance
 *     between the best two languages' likelihoods (0: a tie, 1: only one language possible)
 * @param ambiguous below this confidence a text that is long enough takes the language of the thread it sits in
 *     when that language was the runner-up
 * @param maxChars only this many characters from the start of a text are looked at (megabytes of text cost no more
 *     than a long comment)
 * @param preload load the models when the application starts (about a second and a few hundred MB for two
 *     languages) instead of at the first message
 * @param lowAccuracyFrom texts with at least this many letters and spaces (once links and the like are taken out) are
 *     read in Lingua's low-accuracy mode (trigrams only), which is several times faster and as accurate on long texts;
 *     0 turns it off
 */
@Validated
@ConfigurationProperties("mandate.classify.language")
public record LanguageProperties(
        @DefaultValue({"de", "en"}) @NotNull @Size(min = 2, message = "needs at least two languages to choose from")
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code in lower case") String>
                languages,

        @DefaultValue @NotNull
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code in lower case") String> others,

        @DefaultValue("20") @Min(0) int minLength,

        @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1")
        double shortTextConfidence,

        @DefaultValue("0.02") @DecimalMin("0") @DecimalMax("1")
        double minConfidence,

        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1")
        double ambiguous,

        @DefaultValue("1000") @Min(1) int maxChars,
        @DefaultValue("false") boolean preload,
        @DefaultValue("60") @Min(0) int lowAccuracyFrom) {

    /** The defaults: German and English, as in {@code application.yml} without overrides. */
    public static LanguageProperties defaults() {
        return new LanguageProperties(List.of("de", "en"), List.of(), 20, 0.2, 0.02, 0.1, 1000, false, 60);
    }

    /** These settings with {@code others} loaded to tell text in them apart as {@code unknown}. */
    public LanguageProperties withOthers(List<String> others) {
        return new LanguageProperties(
                languages,
                others,
                minLength,
                shortTextConfidence,
                minConfidence,
                ambiguous,
                maxChars,
                preload,
                lowAccuracyFrom);
    }

    /** These settings with the low-accuracy mode from {@code chars} characters on (0: never). */
    public LanguageProperties withLowAccuracyFrom(int chars) {
        return new LanguageProperties(
                languages, others, minLength, shortTextConfidence, minConfidence, ambiguous, maxChars, preload, chars);
    }
}
