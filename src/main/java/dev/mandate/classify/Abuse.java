package dev.mandate.classify;

import java.util.List;

/**
 * Whether a message is abusive or offensive and should be looked at by a person (never deleted automatically):
 * the flag, the model's score from 0 to 1, and the features that weighed most.
 */
public record Abuse(boolean flagged, double score, List<String> reasons) {

    public Abuse {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1");
        }
        reasons = List.copyOf(reasons);
    }
}
