package dev.mandate.classify;

import java.util.List;

/**
 * The spam classification of one message: the probability that it is spam, the verdict at the configured
 * threshold, and the features that weighed most towards that verdict (e.g. {@code domain:bit.ly},
 * {@code w:subscribe}, {@code signal:off-topic}).
 */
public record Spam(double score, Verdict verdict, List<String> reasons) {

    /** Whether a message is to be treated as spam. */
    public enum Verdict {
        SPAM,
        NOT_SPAM
    }

    public Spam {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1");
        }
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is required");
        }
        reasons = List.copyOf(reasons);
    }

    public boolean spam() {
        return verdict == Verdict.SPAM;
    }
}
