package dev.mandate.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Flags abusive or offensive messages for a person to look at; it never hides or deletes anything. German text is
 * read by the model trained on GermEval 2018 ({@link AbuseModel}); every text by a short list of English and German
 * insults and slurs, each of which moves the score towards a flag and is named among the reasons.
 */
@Service
public class AbuseClassifier {

    static final int REASONS = 4;

    static final double THRESHOLD = 0.5;

    /** How many log-odds each insult or slur from the list adds. */
    static final double LEXICON_WEIGHT = 2.0;

    /** Where text in a language without a model starts: a clear "no" that one listed word turns into a flag. */
    static final double NO_MODEL_MARGIN = -1.5;

    /** English and German insults, slurs and profanity: a word list for people to review, not a verdict. */
    static final Set<String> LEXICON = Set.of(
            "idiot",
            "idiots",
            "moron",
            "morons",
            "stupid",
            "dumb",
            "dumbass",
            "retard",
            "retarded",
            "loser",
            "losers",
            "scum",
            "bastard",
            "bastards",
            "asshole",
            "assholes",
            "arsehole",
            "dick",
            "dickhead",
            "prick",
            "cunt",
            "bitch",
            "bitches",
            "whore",
            "slut",
            "fuck",
            "fucking",
            "fucked",
            "fucker",
            "motherfucker",
            "shit",
            "shithead",
            "bullshit",
            "wanker",
            "twat",
            "douche",
            "douchebag",
            "imbecile",
            "cretin",
            "kys",
            "nigger",
            "niggers",
            "faggot",
            "faggots",
            "fag",
            "kike",
            "spic",
            "chink",
            "tranny",
            "vollidiot",
            "vollidioten",
            "idioten",
            "arschloch",
            "arschlöcher",
            "arsch",
            "wichser",
            "schwachkopf",
            "depp",
            "deppen",
            "trottel",
            "hurensohn",
            "hurensöhne",
            "fotze",
            "schlampe",
            "missgeburt",
            "gesindel",
            "dreckspack",
            "pack",
            "abschaum",
            "spast",
            "spasti",
            "scheiße",
            "scheiss",
            "scheiß",
            "kacke",
            "fresse",
            "verpiss",
            "verpisst",
            "drecksau",
            "schwein",
            "schweine",
            "volksverräter",
            "lügenpresse",
            "neger",
            "kanake",
            "kanaken",
            "schwuchtel");

    private final LinearModel model;

    @Autowired
    AbuseClassifier() {
        this(AbuseModel.bundled());
    }

    AbuseClassifier(LinearModel model) {
        this.model = model;
    }

    public Abuse classify(String text, String language) {
        boolean german = german(language);
        return classifyFeatures(german, MessageFeatures.of(AbuseModel.clean(text == null ? "" : text), german));
    }

    /** Whether text in this language is read by the trained model, with the character n-grams of its words. */
    static boolean german(String language) {
        return "de".equals(language);
    }

    /**
     * Like {@link #classify(String, String)} for the features already computed: those of the text without mentions
     * ({@link AbuseModel#clean}), with character n-grams where {@code german}.
     */
    Abuse classifyFeatures(boolean german, Map<String, Float> features) {
        List<String> reasons = new ArrayList<>();
        int listed = 0;
        for (String name : features.keySet()) {
            if (name.startsWith("w:") && LEXICON.contains(name.substring(2))) {
                listed++;
                reasons.add("list:" + name.substring(2));
            }
        }
        double margin;
        TextFeatures.Vector vector = null;
        if (german) {
            vector = MessageFeatures.vector(features);
            double[] scores = new double[2];
            model.scores(vector, scores);
            margin = scores[1] - scores[0];
        } else {
            margin = NO_MODEL_MARGIN;
        }
        margin += LEXICON_WEIGHT * listed;
        double score = 1 / (1 + Math.exp(-margin));
        boolean flagged = score >= THRESHOLD;
        if (flagged && vector != null && reasons.size() < REASONS) {
            for (String reason : model.reasons(features, vector, 1, REASONS)) {
                if (reasons.size() < REASONS && !reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }
        return new Abuse(flagged, score, flagged ? reasons : List.of());
    }
}
