package dev.mandate.classify;

import java.util.List;
import org.springframework.stereotype.Service;

/** Tells what a message wants (question, complaint, purchase lead, praise, discussion, other). */
@Service
public class IntentClassifier {

    // PLACEHOLDER until the intent model lands (issue 5): every message is OTHER.
    public Intent classify(String text, String language) {
        return new Intent(Intent.Label.OTHER, 0, List.of());
    }
}
