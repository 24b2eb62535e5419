package dev.mandate.classify;

import java.util.List;

/** A plain multinomial naive Bayes over the same hashed features: the baseline the linear model must beat. */
final class NaiveBayes {

    private final float[] spamLog;
    private final float[] hamLog;
    private final double prior;

    private NaiveBayes(float[] spamLog, float[] hamLog, double prior) {
        this.spamLog = spamLog;
        this.hamLog = hamLog;
        this.prior = prior;
    }

    static NaiveBayes train(List<TextFeatures.Vector> examples, boolean[] labels) {
        double[] spam = new double[TextFeatures.DIMENSION];
        double[] ham = new double[TextFeatures.DIMENSION];
        double spamTotal = 0;
        double hamTotal = 0;
        int spamCount = 0;
        for (int k = 0; k < examples.size(); k++) {
            TextFeatures.Vector x = examples.get(k);
            double[] counts = labels[k] ? spam : ham;
            for (int i = 0; i < x.indices().length; i++) {
                counts[x.indices()[i]] += x.values()[i];
                if (labels[k]) {
                    spamTotal += x.values()[i];
                } else {
                    hamTotal += x.values()[i];
                }
            }
            spamCount += labels[k] ? 1 : 0;
        }
        float[] spamLog = new float[TextFeatures.DIMENSION];
        float[] hamLog = new float[TextFeatures.DIMENSION];
        double alpha = 1;
        for (int i = 0; i < TextFeatures.DIMENSION; i++) {
            spamLog[i] = (float) Math.log((spam[i] + alpha) / (spamTotal + alpha * TextFeatures.DIMENSION));
            hamLog[i] = (float) Math.log((ham[i] + alpha) / (hamTotal + alpha * TextFeatures.DIMENSION));
        }
        double prior = Math.log((spamCount + 1.0) / (examples.size() - spamCount + 1.0));
        return new NaiveBayes(spamLog, hamLog, prior);
    }

    boolean spam(TextFeatures.Vector x) {
        double sum = prior;
        for (int i = 0; i < x.indices().length; i++) {
            sum += x.values()[i] * (spamLog[x.indices()[i]] - hamLog[x.indices()[i]]);
        }
        return sum > 0;
    }
}
