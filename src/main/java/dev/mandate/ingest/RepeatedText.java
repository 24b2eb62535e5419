package dev.mandate.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The hash under which a message's text is found again: the text folded (compatibility forms, lower case, every run
 * of characters that are not letters or digits one space), so that the same advert pasted with other spacing,
 * punctuation or emoji meets itself. Short texts ("Thanks!", "+1") repeat innocently and get none.
 */
final class RepeatedText {

    /** Below this many characters of folded text, a repeat says nothing. */
    static final int SHORTEST = 24;

    /** Only the beginning is folded: two long texts that begin alike for this long are the same text here. */
    static final int LONGEST = 4_000;

    private RepeatedText() {}

    /** The hash of the folded text, or {@code null} when it is too short to count. */
    static Long hash(String text) {
        String folded = fold(text);
        if (folded.length() < SHORTEST) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > LONGEST ? text.substring(0, LONGEST) : text;
        String normal = Normalizer.normalize(cut, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(normal.length());
        boolean space = true;
        for (int i = 0; i < normal.length(); ) {
            int c = normal.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                folded.appendCodePoint(c);
                space = false;
            } else if (!space) {
                folded.append(' ');
                space = true;
            }
        }
        int end = folded.length();
        if (end > 0 && folded.charAt(end - 1) == ' ') {
            folded.setLength(end - 1);
        }
        return folded.toString();
    }
}
