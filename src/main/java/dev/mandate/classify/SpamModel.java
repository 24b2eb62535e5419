package dev.mandate.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The trained spam model: a logistic regression over {@link TextFeatures} and the score above which a text is
 * spam; stored as the non-zero hashed weights, so the default model is small and rebuilt bit for bit.
 */
final class SpamModel {

    static final String RESOURCE = "classify/spam-model.bin.gz";

    static final double DEFAULT_THRESHOLD = 0.5;
    static final int EPOCHS = 12;
    static final double LAMBDA = 1e-5;
    static final long SEED = 20261123L;

    private static final int MAGIC = 0x4d53504d;
    private static final int VERSION = 2;

    private final LogisticRegression regression;
    private final double threshold;

    SpamModel(LogisticRegression regression, double threshold) {
        this.regression = regression;
        this.threshold = threshold;
    }

    double threshold() {
        return threshold;
    }

    LogisticRegression regression() {
        return regression;
    }

    static SpamModel train(List<LabelledText> examples, double threshold) {
        float[] importance = new float[examples.size()];
        java.util.Arrays.fill(importance, 1f);
        return train(examples, importance, threshold);
    }

    static SpamModel train(List<LabelledText> examples, float[] importance, double threshold) {
        List<TextFeatures.Vector> vectors = new ArrayList<>(examples.size());
        boolean[] labels = new boolean[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            vectors.add(TextFeatures.normalised(
                    TextFeatures.of(examples.get(i).text(), examples.get(i).post())));
            labels[i] = examples.get(i).spam();
        }
        LogisticRegression regression = LogisticRegression.train(vectors, labels, importance, EPOCHS, LAMBDA, SEED);
        float[] weights = regression.weights();
        for (int i = 0; i < weights.length; i++) {
            weights[i] = SparseWeights.quantised(weights[i]);
        }
        return new SpamModel(new LogisticRegression(weights, regression.bias()), threshold);
    }

    double score(String text) {
        return regression.probability(TextFeatures.normalised(TextFeatures.of(text)));
    }

    boolean spam(String text) {
        return score(text) >= threshold;
    }

    /** The features that pushed the score furthest towards the verdict, strongest first. */
    List<String> reasons(String text, boolean spam, int limit) {
        Map<String, Float> features = TextFeatures.of(text);
        return reasons(features, TextFeatures.normalised(features), spam, limit);
    }

    /** Like {@link #reasons(String, boolean, int)} for features already computed (and their vector). */
    List<String> reasons(Map<String, Float> features, TextFeatures.Vector vector, boolean spam, int limit) {
        List<Map.Entry<String, Double>> contributions = new ArrayList<>();
        int i = 0;
        for (String name : features.keySet()) {
            double contribution = regression.weights()[vector.indices()[i]] * vector.values()[i];
            i++;
            if (spam ? contribution > 0 : contribution < 0) {
                contributions.add(Map.entry(name, Math.abs(contribution)));
            }
        }
        contributions.sort(Comparator.comparing(Map.Entry<String, Double>::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey));
        // character n-grams and length explain little to a person: they come last
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, Double> contribution : contributions) {
            if (!contribution.getKey().startsWith("c:")
                    && !contribution.getKey().startsWith("len:")) {
                reasons.add(contribution.getKey());
            }
        }
        for (Map.Entry<String, Double> contribution : contributions) {
            if (contribution.getKey().startsWith("c:") || contribution.getKey().startsWith("len:")) {
                reasons.add(contribution.getKey());
            }
        }
        return reasons.subList(0, Math.min(limit, reasons.size()));
    }

    void write(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(target))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(TextFeatures.DIMENSION);
            out.writeDouble(threshold);
            out.writeFloat(regression.bias());
            SparseWeights.write(out, regression.weights());
        }
    }

    static SpamModel read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(source))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a spam model of this version");
            }
            if (in.readInt() != TextFeatures.DIMENSION) {
                throw new IOException("the model was trained for another feature space");
            }
            double threshold = in.readDouble();
            float bias = in.readFloat();
            float[] weights = new float[TextFeatures.DIMENSION];
            SparseWeights.read(in, weights);
            return new SpamModel(new LogisticRegression(weights, bias), threshold);
        }
    }

    static SpamModel bundled() {
        try (InputStream in = SpamModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The spam model " + RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("The spam model " + RESOURCE + " cannot be read", e);
        }
    }
}
