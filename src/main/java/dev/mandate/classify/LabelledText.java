package dev.mandate.classify;

import java.util.Objects;

/** One labelled example from a data set: its text, whether it is spam, and the line it starts on. */
record LabelledText(String text, boolean spam, int line) {

    LabelledText {
        Objects.requireNonNull(text, "text");
    }
}
