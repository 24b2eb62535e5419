package dev.mandate.inbox;

import dev.mandate.shared.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a workspace moderates spam on one network: the mode, and the spam score from which it applies (at least 0.5,
 * the classifier's own verdict; higher is stricter about what counts as spam, so fewer customers are ever hidden).
 *
 * @param chosen whether the workspace chose it, or it is the instance's default
 */
public record ModerationSetting(String network, ModerationMode mode, double threshold, boolean chosen) {

    public static final double LOWEST_THRESHOLD = 0.5;
    public static final double HIGHEST_THRESHOLD = 0.99;

    private static final Pattern NETWORK = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

    public ModerationSetting {
        if (network == null
                || !NETWORK.matcher(network = network.trim().toLowerCase(Locale.ROOT))
                        .matches()) {
            throw new InvalidInput("network", "Name a network in lower case, e.g. wordpress.");
        }
        if (mode == null) {
            throw new InvalidInput("mode", "Say off, warn, quarantine or quarantine-and-hide.");
        }
        if (!(threshold >= LOWEST_THRESHOLD && threshold <= HIGHEST_THRESHOLD)) {
            throw new InvalidInput("threshold", "A threshold is a spam score from 0.5 to 0.99.");
        }
    }

    /** Whether a message with this spam score is quarantined. */
    public boolean quarantines(double score) {
        return mode.quarantines() && score >= threshold;
    }

    /** Whether a message with this spam score and verdict is shown with a warning. */
    public boolean warns(double score, boolean spamVerdict) {
        return mode != ModerationMode.OFF && (spamVerdict || score >= threshold) && !quarantines(score);
    }

    /** The mode as forms and the API write it: {@code off}, {@code warn}, {@code quarantine}, … */
    public static ModerationMode mode(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("mode", "Say off, warn, quarantine or quarantine-and-hide.");
        }
        try {
            return ModerationMode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("mode", "Say off, warn, quarantine or quarantine-and-hide.");
        }
    }

    public String modeName() {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
