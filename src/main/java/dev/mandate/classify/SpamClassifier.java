package dev.mandate.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Classifies a message as spam or not: the trained text model's score, moved by how far the message's topic is
 * from the text it answers (an advert under an article about outsourcing shares none of its words) and by what was
 * seen before of its author and its text.
 */
@Service
public class SpamClassifier {

    static final int REASONS = 5;

    /** Below this many distinct content words a context says too little to judge a topic against it. */
    static final int TOPIC_MIN_WORDS = 12;

    static final int TOPIC_WORDS = 5;

    /** A comment whose topic words are mostly absent from the post it sits under is off-topic. */
    static final double OFF_TOPIC_BELOW = 0.25;

    static final double ON_TOPIC_FROM = 0.5;

    /**
     * Log-odds per log(1 + n) of the author's earlier messages judged spam (towards spam) and not spam (away from
     * it); set by hand and measured by replaying the unseen videos in time order (docs/classification.md).
     */
    static final double AUTHOR_HISTORY_WEIGHT = 1.0;

    /** Log-odds per log(1 + n) of earlier messages with the same text in other conversations. */
    static final double REPEATED_TEXT_WEIGHT = 0.5;

    /** Shorter texts ("awesome", "first!") repeat without anyone copying them: they do not count as repeated. */
    static final int REPEATED_TEXT_MIN_WORDS = 3;

    private final SpamModel model;
    private final double threshold;
    private final double offTopicWeight;

    @Autowired
    SpamClassifier(ClassifyProperties properties) {
        this(SpamModel.bundled(), properties.spamThreshold(), properties.offTopicWeight());
    }

    SpamClassifier(SpamModel model, double threshold, double offTopicWeight) {
        this.model = model;
        this.threshold = threshold;
        this.offTopicWeight = offTopicWeight;
    }

    /**
     * What the workspace has seen before of a message's author and text: signals no text model sees.
     *
     * @param authorSpam the author's earlier messages judged spam (by a moderator, or by the classifier unrevised)
     * @param authorNotSpam the author's earlier messages judged not spam
     * @param sameTextElsewhere earlier messages with the same normalised text in other conversations
     */
    public record Seen(int authorSpam, int authorNotSpam, int sameTextElsewhere) {

        /** Nothing seen before: a first message from a new author. */
        public static final Seen NOTHING = new Seen(0, 0, 0);

        public Seen {
            if (authorSpam < 0 || authorNotSpam < 0 || sameTextElsewhere < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }
    }

    /**
     * Classifies a message; {@code contextText} is the post or message it answers, or {@code null}, and
     * {@code seen} what the workspace saw before of its author and text. Any text, however empty or long, gets a
     * defined result. The signals that moved the score towards the verdict come first among the reasons:
     * {@code signal:off-topic} or {@code signal:on-topic}, {@code signal:author-spam-history} or
     * {@code signal:author-good-history}, {@code signal:repeated-text}; and {@code signal:links-to-context} when the
     * message links to the post it answers (or a page that post links to): such links are not read as links out.
     */
    public Spam classify(String text, String contextText, Seen seen) {
        return classifyAnswering(text, Context.post(contextText), seen);
    }

    /**
     * What a message answers: the text its topic is judged against, and whether that is the post it sits under, whose
     * links (and address) a comment may link back to without linking out. A parent message's links are not: a spammer
     * replying to their own advert with its link again would otherwise pass that link off as a link back.
     */
    public record Context(String text, boolean post) {

        /** The post a comment sits under (its title, address and text), or {@code null} when not known. */
        public static Context post(String text) {
            return new Context(text, true);
        }

        /** The message a reply answers. */
        public static Context message(String text) {
            return new Context(text, false);
        }

        /**
         * The post as a comment is read against: its title, its address (a link back to it is no link out) and its
         * text, each where given, one per line; {@code null} text when none is.
         */
        public static Context post(String title, String address, String text) {
            StringJoiner joined = new StringJoiner("\n");
            for (String part : new String[] {title, address, text}) {
                if (part != null && !part.isBlank()) {
                    joined.add(part.strip());
                }
            }
            return post(joined.length() == 0 ? null : joined.toString());
        }
    }

    /** Like {@link #classify(String, String, Seen)}, saying whether the context is the post or a message. */
    public Spam classifyAnswering(String text, Context context, Seen seen) {
        String body = text == null ? "" : text;
        String contextText = context == null ? null : context.text();
        String own = context != null && context.post() ? Links.withoutLinksTo(body, contextText) : body;
        Map<String, Float> features = TextFeatures.of(own);
        TextFeatures.Vector vector = TextFeatures.normalised(features);
        double margin = model.regression().margin(vector);
        List<Signal> signals = new ArrayList<>();
        double overlap = topicOverlap(own, contextText);
        if (overlap >= 0 && overlap < OFF_TOPIC_BELOW) {
            signals.add(new Signal("signal:off-topic", offTopicWeight));
        } else if (overlap >= ON_TOPIC_FROM) {
            signals.add(new Signal("signal:on-topic", -offTopicWeight));
        }
        signals.addAll(history(body, seen == null ? Seen.NOTHING : seen));
        for (Signal signal : signals) {
            margin += signal.logOdds();
        }
        double score = 1 / (1 + Math.exp(-margin));
        boolean spam = score >= threshold;
        List<String> reasons = signals.stream()
                .filter(signal -> spam == signal.logOdds() > 0)
                .sorted(Comparator.comparingDouble((Signal signal) -> -Math.abs(signal.logOdds())))
                .map(Signal::reason)
                .collect(Collectors.toCollection(ArrayList::new));
        if (!spam && !own.equals(body)) {
            reasons.add(0, "signal:links-to-context");
        }
        reasons.addAll(model.reasons(features, vector, spam, REASONS - reasons.size()));
        return new Spam(score, spam ? Spam.Verdict.SPAM : Spam.Verdict.NOT_SPAM, reasons);
    }

    /** Like {@link #classify(String, String, Seen)} for a message from an author not seen before. */
    public Spam classify(String text, String contextText) {
        return classify(text, contextText, Seen.NOTHING);
    }

    /** A signal no text model sees, with the log-odds it adds to the text model's (negative: away from spam). */
    record Signal(String reason, double logOdds) {}

    /** What the author's earlier messages and the same text seen elsewhere add to the log-odds of spam. */
    static List<Signal> history(String text, Seen seen) {
        List<Signal> signals = new ArrayList<>(3);
        if (seen.authorSpam() > 0) {
            signals.add(
                    new Signal("signal:author-spam-history", AUTHOR_HISTORY_WEIGHT * Math.log1p(seen.authorSpam())));
        }
        if (seen.authorNotSpam() > 0) {
            signals.add(new Signal(
                    "signal:author-good-history", -AUTHOR_HISTORY_WEIGHT * Math.log1p(seen.authorNotSpam())));
        }
        if (seen.sameTextElsewhere() > 0 && repeatable(text)) {
            signals.add(
                    new Signal("signal:repeated-text", REPEATED_TEXT_WEIGHT * Math.log1p(seen.sameTextElsewhere())));
        }
        return signals;
    }

    /** The sum of {@link #history}'s log-odds: what the evaluation adds to the text model's margin. */
    static double historyLogOdds(String text, Seen seen) {
        double sum = 0;
        for (Signal signal : history(text, seen)) {
            sum += signal.logOdds();
        }
        return sum;
    }

    private static boolean repeatable(String text) {
        String cut =
                text.length() > TextFeatures.MAX_CHARACTERS ? text.substring(0, TextFeatures.MAX_CHARACTERS) : text;
        return TextFeatures.words(cut).size() >= REPEATED_TEXT_MIN_WORDS
                || cut.contains("http")
                || cut.contains("www.");
    }

    /**
     * The text as repeated copies are recognised: its lower-case words joined by single spaces, so that
     * punctuation, case and spacing do not hide a copy.
     */
    public static String normalisedText(String text) {
        if (text == null) {
            return "";
        }
        String cut =
                text.length() > TextFeatures.MAX_CHARACTERS ? text.substring(0, TextFeatures.MAX_CHARACTERS) : text;
        return String.join(" ", TextFeatures.words(cut));
    }

    /**
     * The share of the text's topic words (its content words that occur more than once, at most
     * {@value #TOPIC_WORDS}) that also occur in the context, or -1 when either says too little to tell. Both are read
     * without their links: a post's address or an advert's domain is no topic.
     */
    static double topicOverlap(String text, String context) {
        if (context == null || context.isBlank()) {
            return -1;
        }
        // topics in words: a post's address or an advert's domain is no topic
        Map<String, Integer> counts = contentWords(Links.withoutLinks(text));
        List<String> topic = counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOPIC_WORDS)
                .map(Map.Entry::getKey)
                .toList();
        if (topic.size() < 2) {
            return -1; // most messages: the context need not be read at all
        }
        Map<String, Integer> contextWords = contentWords(Links.withoutLinks(context));
        if (contextWords.size() < TOPIC_MIN_WORDS) {
            return -1;
        }
        long shared = topic.stream().filter(contextWords::containsKey).count();
        return (double) shared / topic.size();
    }

    // words without the commonest English and German function words, cut to six letters so that
    // "outsourcing" and "outsourcen" meet
    private static Map<String, Integer> contentWords(String text) {
        String cut =
                text.length() > TextFeatures.MAX_CHARACTERS ? text.substring(0, TextFeatures.MAX_CHARACTERS) : text;
        Map<String, Integer> words = new HashMap<>();
        for (String word : TextFeatures.words(cut)) {
            if (word.length() >= 3 && !word.startsWith("#") && !FUNCTION_WORDS.contains(word)) {
                words.merge(word.length() > 6 ? word.substring(0, 6) : word, 1, Integer::sum);
            }
        }
        return words;
    }

    private static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "and", "you", "your", "for", "are", "can", "not", "but", "all", "has", "have", "was", "its", "our",
            "one", "this", "that", "with", "also", "will", "from", "they", "there", "their", "more", "been", "were",
            "what", "when", "which", "would", "could", "should", "about", "because", "other", "these", "those", "into",
            "than", "then", "them", "only", "some", "very", "much", "many", "such", "even", "just", "like", "how",
            "who", "why", "out", "get", "his", "her", "she", "him", "any", "may", "use", "using", "und", "der", "die",
            "das", "ich", "sie", "wir", "ist", "ein", "eine", "einer", "einem", "einen", "den", "dem", "des", "mit",
            "von", "auf", "für", "über", "nicht", "auch", "dass", "oder", "aber", "wird", "werden", "sind", "sein",
            "sich", "noch", "nach", "wenn", "mehr", "schon", "kann", "können", "diese", "dieser", "dieses", "beim",
            "durch", "immer", "ganz", "gibt", "habe", "haben", "hast", "doch", "hier", "dann", "weil", "etwas",
            "selbst", "muss", "sehr", "viel", "denn", "man", "nur", "wie", "bei", "als", "aus", "zum", "zur", "uns",
            "dir", "mir", "mich", "dich", "ihr", "ihre", "hat", "bin", "bist", "war", "vor", "bis", "ohne", "unter",
            "gegen", "eben", "eher", "einfach");
}
