package dev.mandate.classify;

import dev.mandate.classify.language.Language;
import dev.mandate.classify.language.LanguageDetection;
import dev.mandate.classify.language.LanguageProperties;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;
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
    private final java.util.Set<String> configured;

    Classifier(
            SpamClassifier spam,
            LanguageDetection languages,
            LanguageProperties languageProperties,
            IntentClassifier intents,
            SentimentClassifier sentiments,
            AbuseClassifier abuse,
            BrandModels brands) {
        this.configured = java.util.Set.copyOf(languageProperties.languages());
        this.brands = brands;
        this.spam = spam;
        this.languages = languages;
        this.intents = intents;
        this.sentiments = sentiments;
        this.abuse = abuse;
    }

    /**
     * Classifies one message of {@code workspace}; {@code contextText} is the post or message it answers, or
     * {@code null}. Any text gets a defined result.
     */
    public Classification classify(WorkspaceId workspace, String text, String contextText) {
        return classify(workspace, text, contextText, SpamClassifier.Seen.NOTHING);
    }

    /**
     * Like {@link #classify(WorkspaceId, String, String)}, with what the workspace has seen before of the message's
     * author and text (counted by the caller from the workspace's own messages, never another workspace's).
     */
    public Classification classify(WorkspaceId workspace, String text, String contextText, SpamClassifier.Seen seen) {
        return classify(workspace, text, contextText, seen, null);
    }

    /**
     * Like {@link #classify(WorkspaceId, String, String, SpamClassifier.Seen)}, for a message whose source named its
     * language: a configured language named by the source is taken as it is (detection is most of the cost of
     * classifying a message), anything else ({@code null}, {@code und}, a language not configured) is detected.
     */
    public Classification classify(
            WorkspaceId workspace, String text, String contextText, SpamClassifier.Seen seen, String sourceLanguage) {
        return classify(workspace, text, SpamClassifier.Context.post(contextText), seen, sourceLanguage);
    }

    /**
     * Like {@link #classify(WorkspaceId, String, String, SpamClassifier.Seen, String)}, saying whether what the
     * message answers is the post it sits under or a message ({@link SpamClassifier.Context}).
     */
    public Classification classify(
            WorkspaceId workspace,
            String text,
            SpamClassifier.Context context,
            SpamClassifier.Seen seen,
            String sourceLanguage) {
        String body = text == null ? "" : text;
        String named = sourceLanguage == null ? null : sourceLanguage.strip().toLowerCase(java.util.Locale.ROOT);
        Language language =
                named != null && configured.contains(named) ? new Language(named, 1) : languages.detect(body);
        // intent and abuse read the same features of the same text (abuse's with character n-grams in German, and
        // without mentions): computed once where they agree
        boolean german = AbuseClassifier.german(language.code());
        String clean = AbuseModel.clean(body);
        Map<String, Float> abuseFeatures = MessageFeatures.of(clean, german);
        Map<String, Float> intentFeatures = !clean.equals(body)
                ? MessageFeatures.of(body)
                : german ? MessageFeatures.withoutCharacters(abuseFeatures) : abuseFeatures;
        return new Classification(
                brands.spam(
                        workspace,
                        body,
                        spam.classifyAnswering(body, context, seen == null ? SpamClassifier.Seen.NOTHING : seen)),
                language.code(),
                language.confidence(),
                brands.intent(workspace, body, intents.classifyFeatures(body, intentFeatures)),
                sentiments.classify(body, language.code()),
                abuse.classifyFeatures(german, abuseFeatures));
    }
}
