package dev.mandate.classify;

import java.util.Objects;

/**
 * One labelled example from a data set: its text, whether it is spam, the line it starts on, and where the data
 * set says so (the YouTube comments) its author and when it was written, or {@code null}.
 */
record LabelledText(String text, boolean spam, int line, String author, String date) {

    LabelledText {
        Objects.requireNonNull(text, "text");
    }

    LabelledText(String text, boolean spam, int line) {
        this(text, spam, line, null, null);
    }
}
