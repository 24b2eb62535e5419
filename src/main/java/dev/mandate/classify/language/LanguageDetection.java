package dev.mandate.classify.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Names the language of a message's text (Lingua's n-gram models of the configured languages only); never fails,
 * whatever the text: empty, emoji only, megabytes long or in a language not configured give a defined result.
 */
@Component
public class LanguageDetection implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LanguageDetection.class);

    // Parts of a social media text that say nothing about its language.
    private static final Pattern LINK =
            Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|\\b[\\w.+-]+@[\\w-]+\\.[\\w.-]+|@\\w+|\\|LBR\\|");
    // Everything but letters (and the marks that belong to them) and apostrophes within words.
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{M}']+");

    private final LanguageProperties properties;
    private final com.github.pemistahl.lingua.api.Language[] languages;
    private final Set<com.github.pemistahl.lingua.api.Language> reported;
    private volatile LanguageDetector detector;
    private volatile LanguageDetector fastDetector;

    public LanguageDetection(LanguageProperties properties) {
        this.properties = properties;
        this.reported = properties.languages().stream()
                .map(LanguageDetection::linguaLanguage)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(com.github.pemistahl.lingua.api.Language.class)));
        this.languages = Stream.concat(properties.languages().stream(), properties.others().stream())
                .map(LanguageDetection::linguaLanguage)
                .distinct()
                .toArray(com.github.pemistahl.lingua.api.Language[]::new);
        if (reported.size() < 2) {
            throw new IllegalArgumentException(
                    "mandate.classify.language.languages needs at least two different languages");
        }
    }

    /** A detector for these settings outside Spring (the evaluation command, the benchmark). */
    public static LanguageDetection of(LanguageProperties properties) {
        return new LanguageDetection(properties);
    }

    private static com.github.pemistahl.lingua.api.Language linguaLanguage(String code) {
        IsoCode639_1 iso;
        try {
            iso = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mandate.classify.language.languages: no model for language '" + code + "'");
        }
        com.github.pemistahl.lingua.api.Language language =
                com.github.pemistahl.lingua.api.Language.getByIsoCode639_1(iso);
        if (language == com.github.pemistahl.lingua.api.Language.UNKNOWN) {
            throw new IllegalArgumentException(
                    "mandate.classify.language.languages: no model for language '" + code + "'");
        }
        return language;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.preload()) {
            detector();
            if (properties.lowAccuracyFrom() > 0) {
                fastDetector();
            }
        }
    }

    /** The language of the text, or {@code unknown} (with confidence 0 when there was nothing to judge). */
    public Language detect(String text) {
        return detect(text, null);
    }

    /**
     * The language of a message that sits under a post or thread in the {@code context} language: when the text
     * is long enough but its evidence is weak (mixed German and English, as in a pingback title), the thread's
     * language decides between the two best candidates.
     */
    public Language detect(String text, Language context) {
        if (text == null || text.isBlank()) {
            return Language.unknown(0);
        }
        String words = words(prefix(text, properties.maxChars()));
        if (words.isEmpty()) {
            return Language.unknown(0);
        }
        boolean fast = properties.lowAccuracyFrom() > 0 && words.length() >= properties.lowAccuracyFrom();
        SortedMap<com.github.pemistahl.lingua.api.Language, Double> values =
                (fast ? fastDetector() : detector()).computeLanguageConfidenceValues(words);
        // Lingua gives the best language 1.0 and the others the ratio of their log-probabilities to the best's, so
        // the confidence here is the relative distance between the best two (1 when the rules left only one).
        com.github.pemistahl.lingua.api.Language best = null;
        com.github.pemistahl.lingua.api.Language runnerUp = null;
        double second = 0;
        for (Map.Entry<com.github.pemistahl.lingua.api.Language, Double> value : values.entrySet()) {
            if (best == null || value.getValue() > values.get(best)) {
                if (best != null) {
                    runnerUp = best;
                    second = values.get(best);
                }
                best = value.getKey();
            } else if (value.getValue() > second || runnerUp == null) {
                runnerUp = value.getKey();
                second = value.getValue();
            }
        }
        if (best == null || best == com.github.pemistahl.lingua.api.Language.UNKNOWN || values.get(best) <= 0) {
            return Language.unknown(0);
        }
        double confidence = runnerUp == null ? 1 : Math.min(1, Math.max(0, 1 - second / values.get(best)));
        boolean shortText = words.length() < properties.minLength();
        if (shortText && confidence < properties.shortTextConfidence()) {
            return Language.unknown(confidence);
        }
        if (!shortText
                && confidence < properties.ambiguous()
                && runnerUp != null
                && context != null
                && context.known()
                && code(runnerUp).equals(context.code())) {
            best = runnerUp;
        }
        if (confidence < properties.minConfidence() || !reported.contains(best)) {
            return Language.unknown(confidence);
        }
        return new Language(code(best), confidence);
    }

    private static String code(com.github.pemistahl.lingua.api.Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** The letters and words of a text without links, mentions, addresses, emoji, digits and punctuation. */
    static String words(String text) {
        String withoutLinks = LINK.matcher(text).replaceAll(" ");
        return NOT_WORDS.matcher(withoutLinks).replaceAll(" ").strip();
    }

    /** The start of a long text, cut at a space where there is one near the end, never inside a surrogate pair. */
    static String prefix(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        int space = text.lastIndexOf(' ', end);
        if (space > maxChars * 3 / 4) {
            end = space;
        } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Lingua in low-accuracy mode (trigrams only), for long texts; shares the trigram models with the other. */
    private LanguageDetector fastDetector() {
        LanguageDetector current = fastDetector;
        if (current == null) {
            synchronized (this) {
                current = fastDetector;
                if (current == null) {
                    current = LanguageDetectorBuilder.fromLanguages(languages)
                            .withPreloadedLanguageModels()
                            .withLowAccuracyMode()
                            .build();
                    fastDetector = current;
                }
            }
        }
        return current;
    }

    private LanguageDetector detector() {
        LanguageDetector current = detector;
        if (current == null) {
            synchronized (this) {
                current = detector;
                if (current == null) {
                    long start = System.nanoTime();
                    current = LanguageDetectorBuilder.fromLanguages(languages)
                            .withPreloadedLanguageModels()
                            .build();
                    detector = current;
                    log.info(
                            "Loaded language models of {} in {} ms",
                            List.of(languages),
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return current;
    }
}
