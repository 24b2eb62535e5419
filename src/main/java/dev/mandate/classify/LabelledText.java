package dev.mandate.classify;

import java.util.Objects;

/**
 * One labelled example from a data set: its text, whether it is spam, the line it starts on, and where the data
 * set says so (the YouTube comments, the seed threads) its author, when it was written and what it answers (the post
 * it sits under, its title and address as a connector gives them, or the message it replies to), or {@code null}.
 */
record LabelledText(String text, boolean spam, int line, String author, String date, SpamClassifier.Context context) {

    LabelledText {
        Objects.requireNonNull(text, "text");
    }

    LabelledText(String text, boolean spam, int line, String author, String date) {
        this(text, spam, line, author, date, null);
    }

    LabelledText(String text, boolean spam, int line) {
        this(text, spam, line, null, null, null);
    }

    /** The post the example sits under, when that is what it answers; links back to it are no links out. */
    String post() {
        return context != null && context.post() ? context.text() : null;
    }
}
