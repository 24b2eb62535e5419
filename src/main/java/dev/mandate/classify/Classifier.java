package dev.mandate.classify;

import dev.mandate.classify.language.Language;
import dev.mandate.classify.language.LanguageDetection;
import dev.mandate.shared.WorkspaceId;
import org.springframework.stereotype.Service;

/**
 * Runs every classifier on one incoming message and says what they found: the one entry point that ingest calls.
 */
@Service
public class Classifier {

    private final SpamClassifier spam;
    private final LanguageDetection languages;
    private final IntentClassifier intents;
    private final SentimentClassifier sentiments;
    private final AbuseClassifier abuse;
    private final BrandModels brands;

    Classifier(
            SpamClassifier spam,
            LanguageDetection languages,
            IntentClassifier intents,
            SentimentClassifier sentiments,
            AbuseClassifier abuse,
            BrandModels brands) {
        this.spam = spam;
        this.languages = languages;
        this.intents = intents;
        this.sentiments = sentiments;
        this.abuse = abuse;
        this.brands = brands;
    }

    /**
     * Classifies one message of {@code workspace}; {@code contextText} is the post or message it answers, or
     * {@code null}. Any text gets a defined result.
     */
    // SKELETON (issue 5): author history and repeated text are still to be added.
    public Classification classify(WorkspaceId workspace, String text, String contextText) {
        String body = text == null ? "" : text;
        Language language = languages.detect(body);
        return new Classification(
                brands.spam(workspace, body, spam.classify(body, contextText)),
                language.code(),
                language.confidence(),
                brands.intent(workspace, body, intents.classify(body, language.code())),
                sentiments.classify(body, language.code()),
                abuse.classify(body, language.code()));
    }
}
