package dev.mandate.channel.feed;

import dev.mandate.channel.ConnectorFailure;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a feed account listens for: comma-separated keywords, each matched case-insensitively where a word starts
 * (so "Rechnung" finds "Rechnungen" but "ober" does not find "Oktober"); umlauts and other letters compare in any
 * Unicode form. No keywords: every entry matches.
 */
record Keywords(List<String> words, List<Pattern> patterns) {

    static final int MAX = 50;
    static final int MAX_LENGTH = 100;

    Keywords {
        words = List.copyOf(words);
        patterns = List.copyOf(patterns);
    }

    static Keywords parse(String setting) {
        List<String> words = setting == null
                ? List.of()
                : Arrays.stream(setting.split(","))
                        .map(w -> normalise(w).strip())
                        .filter(w -> !w.isEmpty())
                        .distinct()
                        .toList();
        if (words.size() > MAX) {
            throw ConnectorFailure.configuration("At most " + MAX + " keywords per feed.");
        }
        if (words.stream().anyMatch(w -> w.length() > MAX_LENGTH)) {
            throw ConnectorFailure.configuration("A keyword has at most " + MAX_LENGTH + " characters.");
        }
        return new Keywords(
                words,
                words.stream()
                        .map(w -> Pattern.compile(
                                "(?<![\\p{L}\\p{N}])" + Pattern.quote(w),
                                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                        .toList());
    }

    /** Whether any of the texts mentions a keyword; always, when there are none. */
    boolean match(String... texts) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            String normalised = normalise(text);
            for (Pattern pattern : patterns) {
                if (pattern.matcher(normalised).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
