package dev.mandate.classify;

import dev.mandate.classify.Intent.Label;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Tells what a message wants (question, complaint, purchase lead, praise, discussion, other): the trained
 * {@link IntentModel} tells questions, complaints and leads apart; a few rules read what no training data labels
 * (praise, a long argument in a discussion and how it closes, pingbacks and text without words).
 */
@Service
public class IntentClassifier {

    static final int REASONS = 4;

    /**
     * From this many words on a message argues rather than asks: it is a discussion unless it closes ({@link Closing})
     * on a question to the reader or with praise.
     */
    static final int LONG_WORDS = 40;

    /** Below this confidence, a short message with no cue at all is not one of the trained intents. */
    static final double UNSURE_BELOW = 0.6;

    /**
     * Phrases that praise a piece without a praise word ("well put", "bringt es auf den Punkt"): the closing of a long
     * comment is read for them, short messages and the trained model are not (one of them alone also opens an
     * argument: "um es auf den Punkt zu bringen").
     */
    /** How many words before a praise word a negation takes it back. */
    static final int NEGATION_REACH = 2;

    static final List<String> PRAISE_PHRASES = List.of(
            "well put",
            "well said",
            "well written",
            "well done",
            "nicely put",
            "nicely done",
            "spot on",
            "good read",
            "great read",
            "nice article",
            "nice post",
            "nice work",
            "good job",
            "good work",
            "must read",
            "nail on the head",
            "auf den punkt",
            "gut geschrieben",
            "schön geschrieben",
            "sehr schön",
            "gut gemacht",
            "weiter so",
            "nagel auf den kopf");

    private static final List<List<String>> PRAISE_PHRASE_WORDS =
            PRAISE_PHRASES.stream().map(phrase -> List.of(phrase.split(" "))).toList();

    private static final Pattern PINGBACK = Pattern.compile("(?i)^\\s*(pingback|trackback)\\s*:");

    private final LinearModel model;

    @Autowired
    IntentClassifier() {
        this(IntentModel.bundled());
    }

    IntentClassifier(LinearModel model) {
        this.model = model;
    }

    public Intent classify(String text, String language) {
        String body = text == null ? "" : text;
        return classifyFeatures(body, MessageFeatures.of(body));
    }

    /** Like {@link #classify(String, String)} for a text's features already computed ({@link MessageFeatures#of}). */
    Intent classifyFeatures(String body, Map<String, Float> features) {
        if (features.containsKey("signal:no-words")) {
            return new Intent(Label.OTHER, 1, List.of("signal:no-words"));
        }
        if (PINGBACK.matcher(body).find()) {
            return new Intent(Label.OTHER, 0.95, List.of("signal:pingback"));
        }
        TextFeatures.Vector vector = MessageFeatures.vector(features);
        double[] p = new double[IntentModel.TRAINED.size()];
        model.scores(vector, p);
        LinearModel.softmax(p);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        Label trained = IntentModel.TRAINED.get(best);
        int words = 0;
        for (Map.Entry<String, Float> feature : features.entrySet()) {
            words += feature.getKey().startsWith("w:") ? feature.getValue().intValue() : 0;
        }
        float praise = features.getOrDefault("cue:praise", 0f);
        float problem = features.getOrDefault("cue:problem", 0f);
        float purchase = features.getOrDefault("cue:purchase", 0f);
        boolean asks = features.containsKey("signal:question-mark");
        if (words >= LONG_WORDS) {
            if (trained == Label.COMPLAINT && p[best] >= 0.7 && problem >= 2) {
                return fromModel(features, vector, best, p[best]);
            }
            if (trained == Label.LEAD && p[best] >= 0.7 && purchase >= 2) {
                return fromModel(features, vector, best, p[best]);
            }
            Closing closing = Closing.of(body);
            boolean closesOnQuestion = closing.asks();
            if (praise >= 2 && problem == 0 && !closesOnQuestion) {
                return new Intent(Label.PRAISE, 0.6, List.of("cue:praise", "signal:long"));
            }
            if (closesOnQuestion) {
                return new Intent(Label.QUESTION, 0.6, List.of("signal:closing-question", "signal:long"));
            }
            String closingParagraph = closing.paragraph();
            if (praise(closingParagraph) >= 2
                    && !MessageFeatures.of(closingParagraph).containsKey("cue:problem")) {
                return new Intent(Label.PRAISE, 0.6, List.of("cue:praise", "signal:closing-praise", "signal:long"));
            }
            List<String> reasons = new ArrayList<>(List.of("signal:long"));
            if (features.containsKey("cue:opinion")) {
                reasons.add("cue:opinion");
            }
            return new Intent(Label.DISCUSSION, 0.6, reasons);
        }
        boolean negated = features.containsKey("cue:negation");
        // "my order never arrived" holds a buying word, but complains
        if (purchase >= 1 && problem == 0 && !(negated && trained == Label.COMPLAINT)) {
            return new Intent(
                    Label.LEAD, Math.max(0.7, p[IntentModel.TRAINED.indexOf(Label.LEAD)]), List.of("cue:purchase"));
        }
        if (praise >= 1 && !asks && problem == 0) {
            return new Intent(Label.PRAISE, Math.min(0.9, 0.6 + 0.1 * praise), List.of("cue:praise"));
        }
        if (features.containsKey("cue:opinion") && !asks && problem == 0 && !negated) {
            return new Intent(Label.DISCUSSION, 0.6, List.of("cue:opinion"));
        }
        boolean anyCue = asks
                || problem > 0
                || purchase > 0
                || features.containsKey("cue:interrogative")
                || features.containsKey("cue:want")
                || negated;
        if (!anyCue && p[best] < UNSURE_BELOW) {
            return features.containsKey("cue:opinion")
                    ? new Intent(Label.DISCUSSION, 0.5, List.of("cue:opinion"))
                    : new Intent(Label.OTHER, 0.5, List.of("signal:no-cue"));
        }
        return fromModel(features, vector, best, p[best]);
    }

    private Intent fromModel(Map<String, Float> features, TextFeatures.Vector vector, int label, double confidence) {
        return new Intent(IntentModel.TRAINED.get(label), confidence, model.reasons(features, vector, label, REASONS));
    }

    /**
     * How often a text praises: its praise words ({@link MessageFeatures#PRAISE}) and phrases, each unless one of the
     * two words before it negates it ("nicht sehr schön", "not well put").
     */
    static int praise(String text) {
        List<String> list = TextFeatures.words(Normalizer.normalize(text, Normalizer.Form.NFC));
        int count = 0;
        for (int i = 0; i < list.size(); i++) {
            if (negated(list, i)) {
                continue;
            }
            count += MessageFeatures.PRAISE.contains(list.get(i)) ? 1 : 0;
            for (List<String> phrase : PRAISE_PHRASE_WORDS) {
                count += i + phrase.size() <= list.size()
                                && list.subList(i, i + phrase.size()).equals(phrase)
                        ? 1
                        : 0;
            }
        }
        return count;
    }

    private static boolean negated(List<String> words, int at) {
        for (int i = Math.max(0, at - NEGATION_REACH); i < at; i++) {
            if (MessageFeatures.NEGATIONS.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }
}
