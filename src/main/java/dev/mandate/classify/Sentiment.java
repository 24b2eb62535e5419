package dev.mandate.classify;

import java.util.List;

/**
 * The tone of a message: its polarity, a score from -1 (most negative) to 1 (most positive), and the features that
 * weighed most.
 */
public record Sentiment(Polarity polarity, double score, List<String> reasons) {

    /** Negative, neutral or positive. */
    public enum Polarity {
        NEGATIVE,
        NEUTRAL,
        POSITIVE
    }

    public Sentiment {
        if (polarity == null) {
            throw new IllegalArgumentException("polarity is required");
        }
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must be between -1 and 1");
        }
        reasons = List.copyOf(reasons);
    }
}
