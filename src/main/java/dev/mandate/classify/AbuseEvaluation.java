package dev.mandate.classify;

import java.nio.file.Path;
import java.util.List;

/**
 * Measures the abuse classifier on a GermEval 2018 file; on GermEval's training file only the lines held out of
 * training count ({@link AbuseModel#heldOut}), on any other file every line.
 */
final class AbuseEvaluation {

    /** What came out: the file, whether only the held-out lines were read, the matrix (OTHER, OFFENSE). */
    record Result(String data, boolean heldOutOnly, LabelConfusion confusion) {}

    private AbuseEvaluation() {}

    static Result evaluate(AbuseClassifier classifier, Path file) {
        boolean heldOutOnly = file.getFileName().toString().equals(AbuseModel.GERMEVAL_TRAINING);
        LabelConfusion confusion = LabelConfusion.empty(AbuseModel.CLASSES);
        List<AbuseModel.Example> examples = AbuseModel.read(file);
        for (AbuseModel.Example example : examples) {
            if (heldOutOnly && !AbuseModel.heldOut(example.line())) {
                continue;
            }
            Abuse abuse = classifier.classify(example.text(), "de");
            confusion.add(example.offensive() ? "OFFENSE" : "OTHER", abuse.flagged() ? "OFFENSE" : "OTHER");
        }
        return new Result(file.getFileName().toString(), heldOutOnly, confusion);
    }
}
