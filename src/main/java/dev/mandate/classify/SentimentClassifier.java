package dev.mandate.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Tells the tone of an English or German message from a polarity word list the project wrote itself (no labelled
 * sentiment data exists in {@code ../shared/datasets} to train on): each listed word counts +1 or -1, doubled after
 * an intensifier ("very", "sehr"), halved after a softener ("a bit", "etwas"), turned round after a negation within
 * three words before it ("not good", "nicht gut") or
 * within two after it ("funktioniert nicht", "gefällt mir nicht"); the score is the sum squashed into -1..1, and the words that counted are
 * the reasons.
 */
@Service
public class SentimentClassifier {

    static final int REASONS = 4;

    /** From this score on (either way) a message is positive or negative rather than neutral. */
    static final double POLAR_FROM = 0.25;

    static final int NEGATION_REACH = 3;

    static final Map<String, Integer> POLARITY = polarity();

    static final Set<String> CONTRAST = Set.of("but", "however", "yet", "aber", "jedoch", "allerdings", "doch");

    private static final List<String> GERMAN_ENDINGS = List.of("es", "er", "en", "em", "e");

    /** Where a clause ends: punctuation, or just before a contrasting "but", which opens the next one. */
    private static final Pattern CLAUSE_END = Pattern.compile(
            "[,.;:!?\\n]+|\\s+(?=(?:but|however|yet|aber|jedoch|allerdings|doch)\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    static final Set<String> INTENSIFIERS = Set.of(
            "very",
            "really",
            "so",
            "extremely",
            "totally",
            "absolutely",
            "incredibly",
            "super",
            "most",
            "sehr",
            "wirklich",
            "total",
            "echt",
            "extrem",
            "absolut",
            "äußerst",
            "besonders",
            "voll",
            "richtig",
            "ungemein");

    static final Set<String> SOFTENERS =
            Set.of("bit", "slightly", "somewhat", "quite", "fairly", "etwas", "bisschen", "ziemlich", "eher", "leicht");

    public Sentiment classify(String text, String language) {
        String body = text == null ? "" : text;
        String cut = body.length() > MessageFeatures.MAX_CHARACTERS
                ? body.substring(0, MessageFeatures.MAX_CHARACTERS)
                : body;
        double sum = 0;
        int wordCount = 0;
        List<Map.Entry<String, Double>> counted = new ArrayList<>();
        for (String clause : CLAUSE_END.split(cut.replace("'", "").replace("’", ""))) {
            List<String> words = TextFeatures.words(clause);
            wordCount += words.size();
            if (!words.isEmpty() && CONTRAST.contains(words.get(0))) {
                // what follows "but" is what the writer means: the clauses before it count for half
                for (int c = 0; c < counted.size(); c++) {
                    Map.Entry<String, Double> before = counted.get(c);
                    sum -= before.getValue() / 2;
                    counted.set(c, Map.entry(before.getKey(), before.getValue() / 2));
                }
            }
            sum += clause(words, counted);
        }
        for (int i = 0; i < cut.length() - 1; i++) {
            // emoticons and emoji say as much as words in a comment
            if (cut.startsWith(":)", i) || cut.startsWith(":-)", i) || cut.codePointAt(i) == 0x1F642) {
                sum += 0.5;
                counted.add(Map.entry("emoji:smile", 0.5));
            } else if (cut.startsWith(":(", i) || cut.startsWith(":-(", i) || cut.codePointAt(i) == 0x1F641) {
                sum -= 0.5;
                counted.add(Map.entry("emoji:frown", -0.5));
            }
        }
        // longer texts need more to lean one way: the sum is divided by the square root of their length in sentences
        double length = Math.max(1, Math.sqrt(wordCount / 12.0));
        double score = Math.tanh(sum / length / 2);
        Sentiment.Polarity polarity = score >= POLAR_FROM
                ? Sentiment.Polarity.POSITIVE
                : score <= -POLAR_FROM ? Sentiment.Polarity.NEGATIVE : Sentiment.Polarity.NEUTRAL;
        List<String> reasons = counted.stream()
                .filter(e -> polarity == Sentiment.Polarity.NEUTRAL || Math.signum(e.getValue()) == Math.signum(score))
                .sorted(Comparator.comparing((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
                .map(Map.Entry::getKey)
                .distinct()
                .limit(REASONS)
                .toList();
        return new Sentiment(polarity, Math.max(-1, Math.min(1, score)), reasons);
    }

    /** The polarity of one clause's words: negations and intensifiers reach no further than the clause. */
    private static double clause(List<String> words, List<Map.Entry<String, Double>> counted) {
        double sum = 0;
        int lastNegation = Integer.MIN_VALUE / 2;
        int lastCounted = Integer.MIN_VALUE / 2;
        double weight = 1;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (MessageFeatures.NEGATIONS.contains(word)) {
                lastNegation = i;
                Map.Entry<String, Double> previous = counted.isEmpty() ? null : counted.get(counted.size() - 1);
                if (previous != null
                        && i - lastCounted <= 2
                        && !previous.getKey().startsWith("not:")) {
                    // German negates after the verb: "funktioniert nicht"
                    double turned = -0.75 * previous.getValue();
                    sum += turned - previous.getValue();
                    counted.set(counted.size() - 1, Map.entry("not:" + previous.getKey(), turned));
                    lastNegation = Integer.MIN_VALUE / 2;
                }
                continue;
            }
            if (INTENSIFIERS.contains(word)) {
                weight = 2;
                continue;
            }
            if (SOFTENERS.contains(word)) {
                weight = 0.5;
                continue;
            }
            Integer polarity = polarityOf(word);
            if (polarity != null
                    && word.startsWith("lieb")
                    && (i == 0 || i + 1 < words.size() && words.get(i + 1).startsWith("gr"))) {
                // "Lieber Jürg", "Liebe Grüße": a salutation or a sign-off, not a feeling
                polarity = null;
            }
            if (polarity != null) {
                boolean negated = i - lastNegation <= NEGATION_REACH;
                double value = polarity * weight * (negated ? -0.75 : 1);
                sum += value;
                counted.add(Map.entry((negated ? "not:" : "") + word, value));
                lastCounted = i;
                if (negated) {
                    lastNegation = Integer.MIN_VALUE / 2;
                }
            }
            weight = 1;
        }
        return sum;
    }

    /** A word's polarity, or that of its stem without a German adjective ending ("schnelle", "freundlicher"). */
    private static Integer polarityOf(String word) {
        Integer polarity = POLARITY.get(word);
        if (polarity != null || word.length() < 5) {
            return polarity;
        }
        for (String ending : GERMAN_ENDINGS) {
            if (word.endsWith(ending)) {
                polarity = POLARITY.get(word.substring(0, word.length() - ending.length()));
                if (polarity != null) {
                    return polarity;
                }
            }
        }
        return null;
    }

    private static Map<String, Integer> polarity() {
        Map<String, Integer> words = new java.util.HashMap<>();
        for (String word : POSITIVE.split("\\s+")) {
            words.put(word, 1);
        }
        for (String word : NEGATIVE.split("\\s+")) {
            words.put(word, -1);
        }
        return Map.copyOf(words);
    }

    private static final String POSITIVE = """
            good great excellent amazing awesome fantastic wonderful brilliant perfect love loved loves lovely
            nice happy glad pleased helpful useful fast quick easy best better beautiful superb outstanding
            recommend recommended thanks thank thx appreciate appreciated enjoy enjoyed fun cool impressive impressed
            friendly kind reliable smooth solved fixed works working worth favourite favorite congratulations congrats
            success successful valuable interesting agree satisfied delighted excited
            gut gute guter gutes guten super toll tolle toller tolles tollen klasse prima großartig grossartig
            hervorragend ausgezeichnet wunderbar wunderschön schön schöne schöner schönes genial perfekt liebe
            lieben gefällt gefallen freue freuen froh glücklich zufrieden hilfreich nützlich schnell beste
            besten besser empfehlen empfehlenswert danke dank bedanke spaß freundlich zuverlässig gelöst
            funktioniert lohnt lesenswert gelungen erfolgreich interessant spannend
            begeistert stimme überzeugt sinnvoll wertvoll""";

    private static final String NEGATIVE = """
            bad terrible awful horrible worst worse poor hate hated hates dislike disappointed disappointing
            disappointment angry annoyed annoying frustrated frustrating useless broken fail failed failure fails
            error wrong slow problems issue issues bug bugs crash crashed unacceptable ridiculous
            rude scam fraud waste wasted refund complaint complain sad sorry unfortunately expensive overpriced
            missing late lost stolen declined rejected stuck confusing confused difficult impossible nightmare
            shame stupid worthless ugly
            schlecht schlechte schlechter schlechtes schlechten schrecklich furchtbar mies miserabel enttäuscht
            enttäuschend enttäuschung ärgerlich ärger verärgert wütend nervig nervt frustrierend nutzlos kaputt
            defekt fehler falsch langsam problem probleme leider unverschämt unmöglich katastrophe katastrophal
            betrug frechheit abzocke teuer überteuert verloren gestohlen abgelehnt beschwerde reklamation traurig schade
            schwierig kompliziert mangelhaft unzufrieden übel unnötig schamlos
            """;
}
