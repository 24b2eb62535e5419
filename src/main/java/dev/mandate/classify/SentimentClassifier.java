package dev.mandate.classify;

import java.util.List;
import org.springframework.stereotype.Service;

/** Tells the tone of an English or German message. */
@Service
public class SentimentClassifier {

    // PLACEHOLDER until the sentiment model lands (issue 5): every message is neutral.
    public Sentiment classify(String text, String language) {
        return new Sentiment(Sentiment.Polarity.NEUTRAL, 0, List.of());
    }
}
