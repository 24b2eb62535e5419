package dev.mandate.classify;

import java.util.List;

/**
 * What a message wants, as far as the intent model can tell: its label, the model's confidence in it, and the
 * features that weighed most (e.g. {@code w:price}, {@code signal:question-mark}).
 */
public record Intent(Label label, double confidence, List<String> reasons) {

    /** The intents that routing and reports know. */
    public enum Label {
        QUESTION,
        COMPLAINT,
        LEAD,
        PRAISE,
        DISCUSSION,
        OTHER
    }

    public Intent {
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        reasons = List.copyOf(reasons);
    }
}
