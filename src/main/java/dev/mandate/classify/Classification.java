package dev.mandate.classify;

import java.util.Objects;

/**
 * Everything the classifiers say of one message: spam, language (an ISO 639-1 code, or {@code "unknown"} when the
 * text is too short or in no configured language) with the detector's confidence, intent, sentiment and abuse.
 */
public record Classification(
        Spam spam, String language, double languageConfidence, Intent intent, Sentiment sentiment, Abuse abuse) {

    public Classification {
        Objects.requireNonNull(spam, "spam");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(abuse, "abuse");
    }
}
