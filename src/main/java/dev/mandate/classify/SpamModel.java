package dev.mandate.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
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

    /**
     * Like {@link #reasons(String, boolean, int)} for features already computed (and their vector): the strongest
     * contributions ordered by size, then by name; character n-grams and length after all others, as they explain
     * little to a person. Only the first {@code limit} are picked out (a message has hundreds of features and shows
     * a handful of reasons), which gives the very list that sorting them all would.
     */
    List<String> reasons(Map<String, Float> features, TextFeatures.Vector vector, boolean spam, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String[] names = new String[features.size()];
        double[] sizes = new double[features.size()];
        boolean[] late = new boolean[features.size()];
        int count = 0;
        int i = 0;
        for (String name : features.keySet()) {
            double contribution = regression.weights()[vector.indices()[i]] * vector.values()[i];
            i++;
            if (spam ? contribution > 0 : contribution < 0) {
                names[count] = name;
                sizes[count] = Math.abs(contribution);
                late[count] = name.startsWith("c:") || name.startsWith("len:");
                count++;
            }
        }
        List<String> reasons = new ArrayList<>(Math.min(limit, count));
        pick(names, sizes, late, count, false, limit, reasons);
        pick(names, sizes, late, count, true, limit, reasons);
        return reasons;
    }

    // appends the strongest of the contributions in the group until the list holds limit reasons; a selection in
    // place of a sort: limit is small, so each round is one pass over what is left
    private static void pick(
            String[] names, double[] sizes, boolean[] late, int count, boolean group, int limit, List<String> reasons) {
        boolean[] taken = new boolean[count];
        while (reasons.size() < limit) {
            int best = -1;
            for (int j = 0; j < count; j++) {
                if (late[j] == group && !taken[j] && (best < 0 || before(names, sizes, j, best))) {
                    best = j;
                }
            }
            if (best < 0) {
                return;
            }
            taken[best] = true;
            reasons.add(names[best]);
        }
    }

    // larger first, then by name: the order of the sort this replaces (Double.compare, then String.compareTo)
    private static boolean before(String[] names, double[] sizes, int a, int b) {
        int bySize = Double.compare(sizes[b], sizes[a]);
        return bySize != 0 ? bySize < 0 : names[a].compareTo(names[b]) < 0;
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
