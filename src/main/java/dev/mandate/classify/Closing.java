package dev.mandate.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a comment closes, read as a person reads a letter: without its sign-off (<em>Liebe Grüsse Jürg</em>, <em>Best regards</em>
 * and a name) and without lines of emoji alone. A long comment is judged by it: one that argues and then closes by
 * praising is praise, one that closes by asking the reader is a question. Only the rules read it; the trained model
 * never sees it.
 */
final class Closing {

    /** The closing lies in the text's tail; megabytes of text cost no more than this. */
    static final int MAX_CHARACTERS = MessageFeatures.MAX_CHARACTERS;

    /** A last line shorter than this with neither praise nor a problem is a postscript ("shared it 🙂"). */
    static final int POSTSCRIPT_WORDS = 12;

    /** How many of the last sentences may hold the question the comment closes on. */
    static final int QUESTION_REACH = 2;

    /** Greeting formulas a sign-off opens with, lower case; a name of up to {@link #NAME_WORDS} words may follow. */
    static final List<String> SIGN_OFFS = List.of(
            "liebe grüsse",
            "liebe grüße",
            "lieben gruss",
            "lieben gruß",
            "liebe gruesse",
            "viele grüsse",
            "viele grüße",
            "beste grüsse",
            "beste grüße",
            "herzliche grüsse",
            "herzliche grüße",
            "herzlichen gruss",
            "herzlichen gruß",
            "freundliche grüsse",
            "freundliche grüße",
            "mit freundlichen grüssen",
            "mit freundlichen grüßen",
            "schöne grüsse",
            "schöne grüße",
            "gruss",
            "gruß",
            "grüsse",
            "grüße",
            "lg",
            "vg",
            "mfg",
            "ciao",
            "servus",
            "tschüss",
            "danke",
            "vielen dank",
            "best regards",
            "kind regards",
            "warm regards",
            "regards",
            "best wishes",
            "all the best",
            "best",
            "cheers",
            "thanks",
            "thank you",
            "many thanks",
            "sincerely",
            "yours");

    static final int NAME_WORDS = 3;

    /**
     * Words a question opens with when it asks the reader, beyond {@link MessageFeatures#INTERROGATIVES}: German
     * verb-first questions ("Würdest Du …", "Kennt ihr …"), English auxiliaries, and "anyone" / "jemand".
     */
    static final Set<String> QUESTION_OPENERS = Set.of(
            "am",
            "might",
            "must",
            "isnt",
            "arent",
            "wasnt",
            "werent",
            "dont",
            "doesnt",
            "didnt",
            "cant",
            "couldnt",
            "wont",
            "wouldnt",
            "shouldnt",
            "havent",
            "hasnt",
            "whats",
            "hows",
            "whos",
            "wheres",
            "whys",
            "anyone",
            "anybody",
            "any",
            "wen",
            "wem",
            "wessen",
            "welchen",
            "welchem",
            "weswegen",
            "wozu",
            "womit",
            "wofür",
            "worum",
            "worüber",
            "wobei",
            "wodurch",
            "wieviel",
            "inwiefern",
            "inwieweit",
            "würdest",
            "würden",
            "könnte",
            "könntest",
            "könnten",
            "hätte",
            "hättest",
            "hätten",
            "wärst",
            "wären",
            "habe",
            "bin",
            "bist",
            "seid",
            "wird",
            "wirst",
            "werden",
            "werdet",
            "war",
            "warst",
            "waren",
            "hatte",
            "hattest",
            "musst",
            "müsst",
            "darfst",
            "sollst",
            "sollen",
            "solltest",
            "sollten",
            "willst",
            "wollt",
            "kennst",
            "kennt",
            "kennen",
            "weisst",
            "weißt",
            "wisst",
            "meinst",
            "meint",
            "glaubst",
            "findest",
            "siehst",
            "seht",
            "gibts",
            "jemand",
            "irgendwer",
            "irgendjemand",
            "irgendwelche");

    /** Words a question may open with before the word that asks ("Oder wie würdest Du …", "So what …"). */
    static final Set<String> CONJUNCTIONS = Set.of(
            "oder", "und", "aber", "also", "doch", "denn", "nun", "na", "or", "and", "but", "so", "then", "well");

    /** German subjects: a word before one of them is the finite verb of a verb-first question ("Siehst du …"). */
    static final Set<String> GERMAN_SUBJECTS = Set.of("ich", "du", "er", "sie", "es", "wir", "ihr", "man");

    /** Words that open a subordinate clause, not a question, even with a subject after them ("Wenn du meinst?"). */
    static final Set<String> SUBORDINATORS =
            Set.of("wenn", "dass", "daß", "ob", "weil", "falls", "obwohl", "als", "damit", "sobald", "solange");

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+|$)", Pattern.MULTILINE);

    /** A question tag is this many words: a verb and a pronoun ("isn't it", "hast du"). */
    static final int TAG_WORDS = 2;

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[:;]");

    private final List<String> paragraphs;

    private Closing(List<String> paragraphs) {
        this.paragraphs = paragraphs;
    }

    /** The comment's lines read from its last {@link #MAX_CHARACTERS}, its sign-off and lines of emoji dropped. */
    static Closing of(String text) {
        String body = text == null ? "" : text;
        String tail = Normalizer.normalize(
                body.length() > MAX_CHARACTERS ? body.substring(body.length() - MAX_CHARACTERS) : body,
                Normalizer.Form.NFC);
        List<String> lines = new ArrayList<>(
                tail.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
        while (!lines.isEmpty()) {
            int last = lines.size() - 1;
            if (words(lines.get(last)).isEmpty() || signOff(lines.get(last))) {
                lines.remove(last);
            } else if (last > 0 && signOff(lines.get(last - 1)) && name(lines.get(last))) {
                lines.remove(last);
                lines.remove(last - 1);
            } else {
                break;
            }
        }
        return new Closing(List.copyOf(lines));
    }

    /**
     * The paragraph the comment closes with; a short last line with neither praise nor a problem is passed over
     * for the paragraph before it. A comment of one paragraph closes with its last two sentences.
     */
    String paragraph() {
        if (paragraphs.isEmpty()) {
            return "";
        }
        if (paragraphs.size() == 1) {
            List<String> sentences = sentences();
            return String.join(" ", sentences.subList(Math.max(0, sentences.size() - 2), sentences.size()));
        }
        for (int i = paragraphs.size() - 1; i > 0; i--) {
            String paragraph = paragraphs.get(i);
            if (words(paragraph).size() >= POSTSCRIPT_WORDS
                    || IntentClassifier.praise(paragraph) > 0
                    || problem(paragraph)) {
                return paragraph;
            }
        }
        return paragraphs.get(0);
    }

    /** Whether one of the last two sentences asks the reader a question (not a rhetorical or tag question). */
    boolean asks() {
        List<String> sentences = sentences();
        for (int i = Math.max(0, sentences.size() - QUESTION_REACH); i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (sentence.endsWith("?") && asksTheReader(sentence)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a sentence that ends with a question mark asks: it, the clause after its last colon, or the clause after
     * its last comma opens (after a conjunction) with a question word or a finite verb, as in <em>I sent it on time;
     * can you check?</em> In declarative word order (<em>Sie finden einen Partner; einen wie Dich?</em> or <em>You
     * agree; right?</em>) the question mark is rhetorical, and so is a tag of a verb and a pronoun (<em>isn't it?</em>
     * or <em>hast du?</em> after a comma).
     */
    static boolean asksTheReader(String sentence) {
        String[] clauses = CLAUSE_BREAK.split(sentence);
        String[] parts = sentence.split(",");
        return opensAsQuestion(words(sentence), false, 1)
                || opensAsQuestion(words(clauses[clauses.length - 1]), true, 1)
                || parts.length > 1 && opensAsQuestion(words(parts[parts.length - 1]), true, TAG_WORDS + 1);
    }

    private static boolean opensAsQuestion(List<String> words, boolean verbBeforeSubject, int atLeast) {
        int first = 0;
        while (first < words.size() && CONJUNCTIONS.contains(words.get(first))) {
            first++;
        }
        if (words.size() - first < atLeast) {
            return false;
        }
        String opener = words.get(first);
        if (MessageFeatures.INTERROGATIVES.contains(opener) || QUESTION_OPENERS.contains(opener)) {
            return true;
        }
        return verbBeforeSubject
                && first + 1 < words.size()
                && GERMAN_SUBJECTS.contains(words.get(first + 1))
                && !GERMAN_SUBJECTS.contains(opener)
                && !SUBORDINATORS.contains(opener);
    }

    private List<String> sentences() {
        List<String> sentences = new ArrayList<>();
        Matcher matcher = SENTENCE.matcher(String.join("\n", paragraphs));
        while (matcher.find()) {
            String sentence = matcher.group().strip();
            if (!words(sentence).isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static boolean signOff(String line) {
        if (line.endsWith("!") || line.endsWith("?")) {
            return false;
        }
        List<String> all = words(line);
        String words = String.join(" ", all);
        for (String formula : SIGN_OFFS) {
            if (words.equals(formula)) {
                return true;
            }
            int after = all.size() - formula.split(" ").length;
            if (words.startsWith(formula + " ") && after <= NAME_WORDS && capitalised(line, after)) {
                return true;
            }
        }
        return false;
    }

    // the last words of the line as written: a name after a greeting is capitalised ("Cheers, Tom"), the rest of a
    // closing sentence is not ("Thanks, great post"; "Danke für den Artikel")
    private static boolean capitalised(String line, int last) {
        String[] tokens = line.strip().split("[^\\p{L}\\p{N}'’]+");
        if (tokens.length < last) {
            return false;
        }
        for (int i = tokens.length - last; i < tokens.length; i++) {
            if (tokens[i].isEmpty() || !Character.isUpperCase(tokens[i].codePointAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean name(String line) {
        return words(line).size() <= NAME_WORDS && !line.matches(".*[.!?]$");
    }

    private static boolean problem(String text) {
        return MessageFeatures.of(text).containsKey("cue:problem");
    }

    /** Lower-case words with "don't" read as "dont", as {@link MessageFeatures} reads them. */
    private static List<String> words(String text) {
        return TextFeatures.words(text.replace("'", "").replace("’", ""));
    }
}
