package dev.mandate.classify;

import dev.mandate.classify.Intent.Label;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained part of the intent classifier: a {@link LinearModel} telling questions, complaints and leads apart,
 * trained on BANKING77 mapped onto our intents ({@link IntentCorpus#BANKING77}). Each text is learnt twice: with all
 * its features, and with only its language-independent cues and signals (at half weight), so that the cues carry
 * weight on their own and the model says something useful of German text, whose words it never saw.
 */
final class IntentModel {

    static final String RESOURCE = "classify/intent-model.bin.gz";

    /** The intents the training data holds; praise, discussion and other are the classifier's rules' business. */
    static final List<Label> TRAINED = List.of(Label.QUESTION, Label.COMPLAINT, Label.LEAD);

    static final LinearModel.Training TRAINING = new LinearModel.Training(8, 1e-5, 0.5, 20261123L);

    static final float CUES_ONLY_WEIGHT = 0.5f;

    static final Path TRAIN_FILE = Path.of("banking77", "train.csv");

    private IntentModel() {}

    static LinearModel train(List<IntentCorpus.Example> examples) {
        List<LinearModel.Example> training = new ArrayList<>();
        for (IntentCorpus.Example example : examples) {
            int label = TRAINED.indexOf(example.label());
            if (label < 0) {
                continue;
            }
            Map<String, Float> features = MessageFeatures.of(example.text());
            training.add(new LinearModel.Example(MessageFeatures.vector(features), label, 1f));
            Map<String, Float> cues = new LinkedHashMap<>();
            features.forEach((name, count) -> {
                if (MessageFeatures.languageIndependent(name)) {
                    cues.put(name, count);
                }
            });
            if (!cues.isEmpty()) {
                training.add(new LinearModel.Example(MessageFeatures.vector(cues), label, CUES_ONLY_WEIGHT));
            }
        }
        return LinearModel.train(TRAINED.stream().map(Label::name).toList(), training, TRAINING);
    }

    /** Trains on BANKING77's training file under the shared data sets folder. */
    static LinearModel train(Path dataDir) {
        return train(IntentCorpus.read(dataDir.resolve(TRAIN_FILE)).examples());
    }

    static LinearModel bundled() {
        return LinearModel.bundled(RESOURCE);
    }
}
