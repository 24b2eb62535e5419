package dev.mandate.classify.language;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The language a text is written in: an ISO 639-1 code ({@code de}, {@code en}) or {@code unknown}, with the
 * detector's confidence in it.
 *
 * @param code the ISO 639-1 code in lower case, or {@value #UNKNOWN_CODE}
 * @param confidence how sure the detector is, from 0 to 1 (its share among the configured languages); 0 for
 *     texts it did not look at (empty, emoji only)
 */
public record Language(String code, double confidence) {

    /** The code of a text whose language is not known: too short, no letters, or not a configured language. */
    public static final String UNKNOWN_CODE = "unknown";

    private static final Pattern ISO_639_1 = Pattern.compile("[a-z]{2}");

    public Language {
        if (code == null
                || !(code.equals(UNKNOWN_CODE) || ISO_639_1.matcher(code).matches())) {
            throw new IllegalArgumentException("language code must be ISO 639-1 in lower case or unknown: " + code);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
    }

    /** A language not known, with the confidence the best guess had (0 when there was none). */
    public static Language unknown(double confidence) {
        return new Language(UNKNOWN_CODE, confidence);
    }

    /** The code given in any case, e.g. {@code DE} from a label file, as a {@code Language} with confidence 1. */
    static Language ofCode(String code) {
        return new Language(code.strip().toLowerCase(Locale.ROOT), 1);
    }

    /** Whether a language was recognised. */
    public boolean known() {
        return !code.equals(UNKNOWN_CODE);
    }
}
