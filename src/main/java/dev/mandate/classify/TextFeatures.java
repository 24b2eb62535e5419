package dev.mandate.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a text into named features for the linear models: lower-case word unigrams and bigrams (Unicode letters,
 * so umlauts stay part of a word), character n-grams within words, and signals a bag of words misses (links and
 * their domains, long numbers, shouting), each hashed into a fixed space of {@link #DIMENSION} weights.
 */
final class TextFeatures {

    static final int DIMENSION = 1 << 18;

    /** Texts are cut here: enough for any comment, and megabytes of text cost no more than this. */
    static final int MAX_CHARACTERS = 20_000;

    /**
     * Character n-grams catch misspelt and run-together words, but at full weight their many slots outvote the
     * words (on held-out videos: F1 0.86 to 0.93 at full weight, 0.91 to 0.94 at this one).
     */
    static final float CHARACTER_NGRAM_WEIGHT = 0.3f;

    private static final Pattern LINK = Links.PATTERN;
    private static final Pattern DOMAIN = Pattern.compile("(?i)^(?:https?://)?(?:www\\.)?([a-z0-9.-]+)");

    /** A link to a channel or profile on a video site: the commonest way to advertise one's own channel. */
    private static final Pattern CHANNEL_LINK = Pattern.compile(
            "(?i)(?:youtube\\.com/(?:user/|channel/|c/|@)|twitter\\.com/|instagram\\.com/|facebook\\.com/)");

    /** Link shorteners hide where a link goes: adverts use them, people sharing a page rarely do. */
    static final Set<String> SHORTENERS = Set.of(
            "bit.ly",
            "bitly.com",
            "goo.gl",
            "tinyurl.com",
            "ow.ly",
            "t.co",
            "adf.ly",
            "is.gd",
            "j.mp",
            "buff.ly",
            "tiny.cc",
            "shorte.st",
            "cutt.ly",
            "rebrand.ly");

    /** What one promotes as "my channel", "our new video", "my youtube page". */
    private static final Set<String> OWN_THINGS = Set.of(
            "channel",
            "video",
            "videos",
            "vid",
            "vids",
            "page",
            "music",
            "song",
            "songs",
            "playlist",
            "website",
            "site",
            "blog",
            "cover",
            "band");

    private static final Set<String> OWN_THINGS_QUALIFIERS = Set.of("new", "youtube", "own", "first", "latest");

    private static final Set<String> CHECKED_THINGS = Set.of("my", "our", "this");

    private static final Set<String> PLEASE_DO = Set.of("like", "share", "visit", "watch", "subscribe", "check");

    private TextFeatures() {}

    /**
     * The features of a message read against the text it answers: links back to the post it sits under, or to a
     * page that post links to, are left out ({@link Links#withoutLinksTo}), as they advertise nothing new.
     */
    static Map<String, Float> of(String text, String context) {
        return of(Links.withoutLinksTo(text, context));
    }

    /** A map's initial capacity for the features of a text of this length (about two per character, and room to spare). */
    static int capacity(int length) {
        return Math.min(3 * length + 16, 1 << 16);
    }

    /** The features of a text with how often each occurs, in the order first seen. */
    static Map<String, Float> of(String text) {
        if (text == null || text.isBlank()) {
            Map<String, Float> features = new LinkedHashMap<>();
            add(features, "signal:empty");
            return features;
        }
        String cut = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        String normal = Normalizer.normalize(cut, Normalizer.Form.NFC);
        Map<String, Float> features = new LinkedHashMap<>(capacity(normal.length()));
        StringBuilder rest = new StringBuilder();
        Matcher links = LINK.matcher(Links.mayHoldLink(normal) ? normal : "");
        int end = 0;
        int linkCount = 0;
        while (links.find()) {
            linkCount++;
            rest.append(normal, end, links.start()).append(' ');
            end = links.end();
            Matcher domain = DOMAIN.matcher(links.group());
            if (domain.find()) {
                String host = domain.group(1).toLowerCase(Locale.ROOT);
                add(features, "domain:" + host);
                int dot = host.lastIndexOf('.');
                if (dot >= 0) {
                    add(features, "tld:" + host.substring(dot + 1));
                }
                if (SHORTENERS.contains(host)) {
                    add(features, "signal:shortener");
                }
                if (CHANNEL_LINK.matcher(links.group()).find()) {
                    add(features, "signal:channel-link");
                }
            }
        }
        rest.append(normal, end, normal.length());
        if (linkCount > 0) {
            add(features, "signal:link");
            if (linkCount > 1) {
                add(features, "signal:links");
            }
        }
        signals(normal, features);
        List<String> words = words(rest.toString());
        promotion(words, features);
        String previous = "^";
        for (String word : words) {
            add(features, "w:" + word);
            add(features, "b:" + previous + " " + word);
            previous = word;
            ngrams(word, features);
        }
        if (!words.isEmpty()) {
            add(features, "b:" + previous + " $");
        }
        add(features, "len:" + lengthBucket(words.size()));
        return features;
    }

    /**
     * The lower-case words of a text: runs of Unicode letters or digits, numbers reduced to their length, a letter
     * repeated more than twice cut to two ("sooooo" and "soo" meet).
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean digits = true;
        int last = -1;
        int repeats = 0;
        int length = text.length();
        for (int i = 0; i <= length; ) {
            char unit = i < length ? text.charAt(i) : ' ';
            // a char that is no surrogate is its own code point: the common case, read without codePointAt
            int c = Character.isSurrogate(unit) ? text.codePointAt(i) : unit;
            // ASCII letters and digits are told apart by their code, as Character tells them
            boolean digit = c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
            boolean letterOrDigit =
                    c < 128 ? digit || (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetterOrDigit(c);
            if (letterOrDigit) {
                int lower = c < 128 ? (digit ? c : c | 0x20) : Character.toLowerCase(c);
                repeats = lower == last ? repeats + 1 : 0;
                last = lower;
                if (repeats < 2 || (c < 128 ? digit : !Character.isLetter(lower))) {
                    if (lower < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                        word.append((char) lower);
                    } else {
                        word.appendCodePoint(lower);
                    }
                }
                digits &= digit;
            } else if (!word.isEmpty()) {
                words.add(digits ? "#" + Math.min(word.length(), 8) : word.toString());
                word.setLength(0);
                digits = true;
                last = -1;
            }
            i += i < length ? Character.charCount(c) : 1;
        }
        return words;
    }

    /**
     * The author promoting their own things ("my new channel", "our video": {@code signal:self-promotion}) and
     * asking the reader to act for them ("subscribe", "sub me", "check out my", "please like":
     * {@code signal:call-to-action}); read off the words, which is faster than a pattern over the text.
     */
    private static void promotion(List<String> words, Map<String, Float> features) {
        boolean selfPromotion = false;
        boolean callToAction = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("my") || word.equals("our")) {
                int j = i + 1 < words.size() && OWN_THINGS_QUALIFIERS.contains(words.get(i + 1)) ? i + 2 : i + 1;
                selfPromotion |= j < words.size() && OWN_THINGS.contains(words.get(j));
            } else if (word.equals("subscribe")) {
                callToAction = true;
            } else if (word.equals("sub")) {
                callToAction |= at(words, i + 1, "me") || (at(words, i + 1, "to") && at(words, i + 2, "me"));
            } else if (word.equals("check")) {
                int j = at(words, i + 1, "out") ? i + 2 : i + 1;
                callToAction |= j < words.size() && CHECKED_THINGS.contains(words.get(j));
            } else if (word.equals("please") || word.equals("pls") || word.equals("plz")) {
                callToAction |= i + 1 < words.size() && PLEASE_DO.contains(words.get(i + 1));
            }
        }
        if (selfPromotion) {
            add(features, "signal:self-promotion");
        }
        if (callToAction) {
            add(features, "signal:call-to-action");
        }
    }

    private static boolean at(List<String> words, int index, String word) {
        return index < words.size() && words.get(index).equals(word);
    }

    private static void ngrams(String word, Map<String, Float> features) {
        if (word.startsWith("#")) {
            return;
        }
        ngrams(word, 3, 4, features);
    }

    /**
     * The character n-grams of {@code from} to {@code to} code points of a word padded with a space on each side,
     * each added as {@code c:} and the n-gram; a word without surrogate pairs is cut as it is, one char a code point.
     */
    static void ngrams(String word, int from, int to, Map<String, Float> features) {
        String padded = "c: " + word + " ";
        if (padded.codePointCount(0, padded.length()) != padded.length()) {
            int[] points = (" " + word + " ").codePoints().toArray();
            for (int n = from; n <= to; n++) {
                for (int i = 0; i + n <= points.length; i++) {
                    add(features, "c:" + new String(points, i, n));
                }
            }
            return;
        }
        char[] chars = padded.toCharArray();
        char[] gram = new char[to + 2];
        gram[0] = 'c';
        gram[1] = ':';
        int points = chars.length - 2;
        for (int n = from; n <= to; n++) {
            for (int i = 0; i + n <= points; i++) {
                System.arraycopy(chars, i + 2, gram, 2, n);
                add(features, new String(gram, 0, n + 2));
            }
        }
    }

    private static void signals(String text, Map<String, Float> features) {
        int letters = 0;
        int upper = 0;
        int exclamations = 0;
        int longestDigits = 0;
        int digitRun = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
            if (c == '!') {
                exclamations++;
            }
            digitRun = Character.isDigit(c) ? digitRun + 1 : 0;
            longestDigits = Math.max(longestDigits, digitRun);
        }
        if (letters >= 10 && upper * 2 > letters) {
            add(features, "signal:shouting");
        }
        if (exclamations >= 3) {
            add(features, "signal:exclamations");
        }
        if (longestDigits >= 5) {
            add(features, "signal:long-number");
        }
    }

    private static String lengthBucket(int words) {
        if (words < 4) {
            return "tiny";
        }
        if (words < 15) {
            return "short";
        }
        if (words < 60) {
            return "medium";
        }
        return "long";
    }

    private static void add(Map<String, Float> features, String name) {
        features.merge(name, ONE, Float::sum);
    }

    /** One occurrence, boxed once rather than at every feature added. */
    static final Float ONE = 1f;

    /** The slot of a feature in the hashed space (FNV-1a over the name's characters, stable across JVMs). */
    static int index(String name) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < name.length(); i++) {
            hash ^= name.charAt(i);
            hash *= 0x01000193;
        }
        return hash & (DIMENSION - 1);
    }

    /** A sparse vector of hashed features. */
    record Vector(int[] indices, float[] values) {}

    /** Hashed, log-scaled and length-normalised, as the logistic regression reads them. */
    static Vector normalised(Map<String, Float> features) {
        return normalised(features, CHARACTER_NGRAM_WEIGHT);
    }

    /** Like {@link #normalised(Map)} with character n-grams ({@code c:}) weighted by {@code characterWeight}. */
    static Vector normalised(Map<String, Float> features, float characterWeight) {
        int[] indices = new int[features.size()];
        float[] values = new float[features.size()];
        double norm = 0;
        int i = 0;
        for (Map.Entry<String, Float> feature : features.entrySet()) {
            indices[i] = index(feature.getKey());
            float count = feature.getValue();
            // most features occur once, and 1 + log(1) is 1
            values[i] = count == 1f ? 1f : (float) (1 + Math.log(count));
            if (feature.getKey().startsWith("c:")) {
                values[i] *= characterWeight;
            }
            norm += values[i] * values[i];
            i++;
        }
        float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int j = 0; j < values.length; j++) {
            values[j] *= scale;
        }
        return new Vector(indices, values);
    }

    /** Hashed raw counts, as naive Bayes reads them. */
    static Vector counts(Map<String, Float> features) {
        int[] indices = new int[features.size()];
        float[] values = new float[features.size()];
        int i = 0;
        for (Map.Entry<String, Float> feature : features.entrySet()) {
            indices[i] = index(feature.getKey());
            values[i] = feature.getValue();
            i++;
        }
        return new Vector(indices, values);
    }
}
