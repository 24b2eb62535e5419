package dev.mandate.classify;

import java.util.List;
import java.util.Random;

/**
 * A binary logistic regression over hashed features, trained by stochastic gradient descent with L2
 * regularisation; a fixed seed for the order of examples makes training repeatable to the bit.
 */
final class LogisticRegression {

    private final float[] weights;
    private float bias;

    LogisticRegression(float[] weights, float bias) {
        this.weights = weights;
        this.bias = bias;
    }

    float[] weights() {
        return weights;
    }

    float bias() {
        return bias;
    }

    /** The log-odds that the example is positive. */
    double margin(TextFeatures.Vector x) {
        double sum = bias;
        int[] indices = x.indices();
        float[] values = x.values();
        for (int i = 0; i < indices.length; i++) {
            sum += weights[indices[i]] * values[i];
        }
        return sum;
    }

    double probability(TextFeatures.Vector x) {
        return 1 / (1 + Math.exp(-margin(x)));
    }

    static LogisticRegression train(
            List<TextFeatures.Vector> examples,
            boolean[] labels,
            float[] importance,
            int epochs,
            double lambda,
            long seed) {
        float[] weights = new float[TextFeatures.DIMENSION];
        LogisticRegression model = new LogisticRegression(weights, 0);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        long step = 0;
        double positives = 0;
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            positives += labels[i] ? importance[i] : 0;
            total += importance[i];
        }
        // weights the rarer class up so that both classes pull the boundary equally
        double positiveWeight = positives == 0 ? 1 : (total - positives) / positives;
        positiveWeight = Math.min(Math.max(positiveWeight, 0.5), 2);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k : order) {
                double rate = 0.5 / (1 + 1e-4 * step++);
                TextFeatures.Vector x = examples.get(k);
                double p = model.probability(x);
                double gradient = (labels[k] ? 1 : 0) - p;
                if (labels[k]) {
                    gradient *= positiveWeight;
                }
                gradient *= importance[k];
                int[] indices = x.indices();
                float[] values = x.values();
                float shrink = (float) (1 - rate * lambda);
                for (int i = 0; i < indices.length; i++) {
                    int w = indices[i];
                    weights[w] = weights[w] * shrink + (float) (rate * gradient * values[i]);
                }
                model.bias += (float) (rate * gradient);
            }
        }
        return model;
    }
}
