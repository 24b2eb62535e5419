package dev.mandate.classify;

import java.util.List;
import org.springframework.stereotype.Service;

/** Flags abusive or offensive messages for a person to look at. */
@Service
public class AbuseClassifier {

    // PLACEHOLDER until the abuse model lands (issue 5): nothing is flagged.
    public Abuse classify(String text, String language) {
        return new Abuse(false, 0, List.of());
    }
}
