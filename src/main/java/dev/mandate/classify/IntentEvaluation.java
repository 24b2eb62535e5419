package dev.mandate.classify;

import dev.mandate.classify.Intent.Label;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Measures an intent classifier on a labelled file (see {@link IntentCorpus}); used by {@code classify evaluate}. */
final class IntentEvaluation {

    static final List<String> LABELS =
            Arrays.stream(Label.values()).map(Label::name).toList();

    /** What came out: the file, how many rows were dropped as mapping onto none of our intents, the matrix. */
    record Result(String data, int dropped, LabelConfusion confusion) {}

    private IntentEvaluation() {}

    static Result evaluate(IntentClassifier classifier, Path file, String language) {
        IntentCorpus.Read read = IntentCorpus.read(file);
        LabelConfusion confusion = LabelConfusion.empty(LABELS);
        for (IntentCorpus.Example example : read.examples()) {
            Intent intent = classifier.classify(example.text(), language);
            confusion.add(example.label().name(), intent.label().name());
        }
        return new Result(file.getFileName().toString(), read.dropped(), confusion);
    }
}
