package dev.mandate.classify;

import java.util.Objects;

/**
 * One labelled example from a data set: its text, whether it is spam, the line it starts on, and where the data
 * set says so (the YouTube comments) its author, when it was written and the post it sits under (its title and
 * address, as a connector gives a comment's post), or {@code null}.
 */
record LabelledText(String text, boolean spam, int line, String author, String date, String context) {

    LabelledText {
        Objects.requireNonNull(text, "text");
    }

    LabelledText(String text, boolean spam, int line, String author, String date) {
        this(text, spam, line, author, date, null);
    }

    LabelledText(String text, boolean spam, int line) {
        this(text, spam, line, null, null, null);
    }
}
