package dev.mandate.classify;

import java.util.Locale;

/**
 * The confusion matrix of a binary classifier on a labelled set, with the figures read from it; spam is the
 * positive class, so the false-positive rate is the share of wanted messages that would be hidden.
 */
public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public Confusion {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    static Confusion of(boolean[] actual, boolean[] predicted) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    public double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** The figures and the matrix as lines of text. */
    String text() {
        return String.format(
                Locale.ROOT,
                "precision %.4f  recall %.4f  F1 %.4f  accuracy %.4f  false-positive rate %.4f%n"
                        + "                 predicted spam  predicted ham%n"
                        + "  actual spam    %14d  %13d%n"
                        + "  actual ham     %14d  %13d%n",
                precision(),
                recall(),
                f1(),
                accuracy(),
                falsePositiveRate(),
                truePositives,
                falseNegatives,
                falsePositives,
                trueNegatives);
    }

    /** The figures and the matrix as a JSON object. */
    String json() {
        return String.format(
                Locale.ROOT,
                "{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"accuracy\":%.4f,\"falsePositiveRate\":%.4f,"
                        + "\"confusion\":{\"truePositives\":%d,\"falsePositives\":%d,\"trueNegatives\":%d,"
                        + "\"falseNegatives\":%d}}",
                precision(),
                recall(),
                f1(),
                accuracy(),
                falsePositiveRate(),
                truePositives,
                falsePositives,
                trueNegatives,
                falseNegatives);
    }
}
