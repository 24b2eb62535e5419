package dev.mandate.classify;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features the intent and abuse models read: lower-case words and word pairs, and <em>cues</em>: words of
 * English and German mapped onto one language-independent name ({@code cue:interrogative} for "how", "what", "wie",
 * "warum"; {@code cue:purchase} for "price", "quote", "Preis", "Angebot"), and punctuation signals. A model trained
 * on English text learns what the cues weigh, and that weight carries over to German text, whose words it never saw.
 * Hashed as {@link TextFeatures} hashes, into {@link #DIMENSION} slots of weights apart from the spam model's.
 */
final class MessageFeatures {

    static final int DIMENSION = TextFeatures.DIMENSION;

    /** Texts are cut here; megabytes of text cost no more than this. */
    static final int MAX_CHARACTERS = 5_000;

    /** Character n-grams are many: at full weight they outvote the words. */
    static final float CHARACTER_WEIGHT = 0.3f;

    /** Words that open a question in English or German (the German verb-first questions included). */
    static final Set<String> INTERROGATIVES = Set.of(
            "what", "how", "why", "when", "where", "which", "who", "whom", "whose", "can", "could", "is", "are", "do",
            "does", "did", "will", "would", "should", "may", "shall", "has", "have", "was", "were", "wer", "wie",
            "warum", "wieso", "weshalb", "wann", "wo", "woher", "wohin", "welche", "welcher", "welches", "kann",
            "könnt", "können", "kannst", "gibt", "ist", "sind", "hat", "habt", "haben", "hast", "muss", "müssen",
            "darf", "dürfen", "soll", "sollte", "würde", "würdet", "wäre", "geht", "bekomme", "weiß");

    /** Words of buying: a message holding one asks to buy, book or be offered something. */
    static final Set<String> PURCHASE = Set.of(
            "price",
            "prices",
            "pricing",
            "quote",
            "quotation",
            "offer",
            "buy",
            "buying",
            "purchase",
            "order",
            "ordering",
            "subscribe",
            "subscription",
            "demo",
            "trial",
            "booking",
            "hire",
            "interested",
            "preis",
            "preise",
            "preisliste",
            "angebot",
            "kaufen",
            "kaufe",
            "bestellen",
            "bestelle",
            "bestellung",
            "buchen",
            "abo",
            "abonnieren",
            "tarif",
            "anfrage",
            "kostenvoranschlag",
            "interessiert",
            "interesse");

    static final Set<String> PROBLEM = Set.of(
            "broken",
            "broke",
            "fail",
            "failed",
            "failing",
            "error",
            "wrong",
            "declined",
            "rejected",
            "refund",
            "charged",
            "overcharged",
            "missing",
            "still",
            "waiting",
            "problem",
            "issue",
            "issues",
            "stuck",
            "twice",
            "lost",
            "stolen",
            "scam",
            "fraud",
            "complaint",
            "disappointed",
            "unacceptable",
            "terrible",
            "worst",
            "useless",
            "kaputt",
            "defekt",
            "fehler",
            "falsch",
            "abgelehnt",
            "erstattung",
            "rückerstattung",
            "warte",
            "warten",
            "probleme",
            "beschwerde",
            "reklamation",
            "enttäuscht",
            "ärgerlich",
            "unverschämt",
            "katastrophe",
            "funktioniert",
            "geht",
            "verloren",
            "gestohlen",
            "doppelt",
            "betrug",
            "immer");

    static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "nothing", "nobody", "none", "cannot", "cant", "dont", "doesnt", "didnt", "wont",
            "isnt", "arent", "wasnt", "havent", "hasnt", "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals",
            "nichts", "niemand");

    static final Set<String> WANT = Set.of(
            "want",
            "need",
            "like",
            "wish",
            "please",
            "möchte",
            "möchten",
            "brauche",
            "brauchen",
            "bitte",
            "hätte",
            "gern",
            "gerne",
            "will",
            "wollen");

    static final Set<String> PRAISE = Set.of(
            "thanks",
            "thank",
            "thx",
            "great",
            "love",
            "loved",
            "awesome",
            "excellent",
            "amazing",
            "brilliant",
            "fantastic",
            "wonderful",
            "helpful",
            "perfect",
            "congrats",
            "congratulations",
            "kudos",
            "bravo",
            "danke",
            "dank",
            "super",
            "toll",
            "klasse",
            "großartig",
            "grossartig",
            "hervorragend",
            "genial",
            "prima",
            "begeistert",
            "spitze",
            "wunderbar",
            "gratuliere",
            "glückwunsch",
            "lob",
            "lesenswert",
            "gelungen");

    /** Words that seldom say why a model decided as it did. */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "a", "an", "to", "of", "and", "or", "in", "on", "at", "for", "my", "me", "i", "it", "is", "be",
            "this", "that", "with", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder",
            "ich", "mir", "mich", "es", "zu", "im", "am", "auf", "für", "mit", "von", "ist", "so", "you", "du", "we",
            "wir", "sie", "er");

    static final Set<String> OPINION = Set.of(
            "think",
            "believe",
            "agree",
            "disagree",
            "opinion",
            "view",
            "argue",
            "point",
            "however",
            "although",
            "whereas",
            "perhaps",
            "maybe",
            "indeed",
            "true",
            "denke",
            "glaube",
            "meine",
            "meinung",
            "stimme",
            "ansicht",
            "ansichten",
            "sicht",
            "jedoch",
            "allerdings",
            "zwar",
            "bezweifle",
            "bestreite",
            "richtig",
            "vermutlich",
            "vielleicht",
            "finde",
            "irrst",
            "einig",
            "überein");

    private MessageFeatures() {}

    /** The features of a text with how often each occurs, in the order first seen. */
    static Map<String, Float> of(String text) {
        return of(text, false);
    }

    /**
     * Like {@link #of(String)}, with the character n-grams of each word when {@code characters} is set: they catch
     * the parts of German compounds ("Dreckspack", "Volksverräter") that whole words miss.
     */
    static Map<String, Float> of(String text, boolean characters) {
        String cut = text == null ? "" : text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        String normal = Normalizer.normalize(cut, Normalizer.Form.NFC);
        List<String> words = TextFeatures.words(normal);
        if (words.isEmpty()) {
            Map<String, Float> features = new LinkedHashMap<>();
            add(features, "signal:no-words");
            return features;
        }
        Map<String, Float> features =
                new LinkedHashMap<>(characters ? TextFeatures.capacity(normal.length()) : 4 * words.size() + 16);
        String previous = "^";
        for (String word : apostrophesJoined(normal, words)) {
            add(features, "w:" + word);
            add(features, "b:" + previous + " " + word);
            previous = word;
            cue(word, features);
            if (characters) {
                ngrams(word, features);
            }
        }
        for (int k = interrogativeSentences(normal, words); k > 0; k--) {
            add(features, "cue:interrogative");
        }
        add(features, "b:" + previous + " $");
        punctuation(normal, features);
        return features;
    }

    /**
     * The features {@link #of(String)} gives for a text whose {@link #of(String, boolean) features with character
     * n-grams} are {@code features}: the same without the n-grams, in the same order with the same counts.
     */
    static Map<String, Float> withoutCharacters(Map<String, Float> features) {
        Map<String, Float> words = new LinkedHashMap<>(features.size() / 4 + 16);
        for (Map.Entry<String, Float> feature : features.entrySet()) {
            if (!feature.getKey().startsWith("c:")) {
                words.put(feature.getKey(), feature.getValue());
            }
        }
        return words;
    }

    private static void ngrams(String word, Map<String, Float> features) {
        if (word.startsWith("#")) {
            return;
        }
        TextFeatures.ngrams(word, 3, 5, features);
    }

    /**
     * How many of the text's sentences (ended by any run of {@code . ! ? ; :} and line breaks) open with an interrogative; {@code words} are
     * the text's words. A sentence's first word is the first word after a sentence end: words never span one, so
     * the text's words read once give what splitting it and reading each sentence's words would.
     */
    static int interrogativeSentences(String text, List<String> words) {
        int count = 0;
        int word = -1;
        boolean opens = true;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    word++;
                    if (opens && INTERROGATIVES.contains(words.get(word))) {
                        count++;
                    }
                    opens = false;
                    inWord = true;
                }
            } else {
                inWord = false;
                opens |= c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n';
            }
            i += Character.charCount(c);
        }
        return count;
    }

    private static void cue(String word, Map<String, Float> features) {
        Integer cues = CUES.get(word);
        if (cues == null) {
            return;
        }
        for (int k = 0; k < CUE_NAMES.size(); k++) {
            if ((cues & (1 << k)) != 0) {
                add(features, CUE_NAMES.get(k));
            }
        }
    }

    private static final List<String> CUE_NAMES =
            List.of("cue:purchase", "cue:problem", "cue:negation", "cue:want", "cue:praise", "cue:opinion");

    /** Each cue word with the cues it gives, one bit a cue in the order of {@link #CUE_NAMES}: one look-up a word. */
    private static final Map<String, Integer> CUES = cues(PURCHASE, PROBLEM, NEGATIONS, WANT, PRAISE, OPINION);

    @SafeVarargs
    private static Map<String, Integer> cues(Set<String>... sets) {
        Map<String, Integer> cues = new java.util.HashMap<>();
        for (int k = 0; k < sets.length; k++) {
            for (String word : sets[k]) {
                cues.merge(word, 1 << k, (a, b) -> a | b);
            }
        }
        return Map.copyOf(cues);
    }

    /** The words with "don't", "can't" read as one word ("dont", "cant"), so that negations are seen. */
    private static List<String> apostrophesJoined(String text, List<String> words) {
        if (text.indexOf('\'') < 0 && text.indexOf('’') < 0) {
            return words;
        }
        return TextFeatures.words(text.replace("'", "").replace("’", ""));
    }

    private static void punctuation(String text, Map<String, Float> features) {
        int questions = 0;
        int exclamations = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            questions += c == '?' ? 1 : 0;
            exclamations += c == '!' ? 1 : 0;
        }
        if (questions > 0) {
            add(features, "signal:question-mark");
        }
        if (exclamations > 0) {
            add(features, "signal:exclamation");
        }
    }

    private static void add(Map<String, Float> features, String name) {
        features.merge(name, TextFeatures.ONE, Float::sum);
    }

    /** Whether a feature means the same in every language (a cue or a signal, not a word). */
    static boolean languageIndependent(String name) {
        return name.startsWith("cue:") || name.startsWith("signal:");
    }

    /** Hashed, log-scaled and length-normalised (hashed as {@link TextFeatures} hashes, into its own weights). */
    static TextFeatures.Vector vector(Map<String, Float> features) {
        return TextFeatures.normalised(features, CHARACTER_WEIGHT);
    }
}
