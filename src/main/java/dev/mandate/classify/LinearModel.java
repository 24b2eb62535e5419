package dev.mandate.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic regression (one weight vector per class, softmax over their scores) on
 * {@link MessageFeatures}, trained by stochastic gradient descent with L2 regularisation and a fixed seed, so that
 * training is repeatable to the bit; weights are rounded to a step of 1/{@value SparseWeights#STEPS} and stored sparse, so the
 * bundled models are small and the model in memory after training is exactly the one stored.
 */
final class LinearModel {

    private static final int MAGIC = 0x4d4c494e;
    private static final int VERSION = 1;

    private final List<String> classes;
    private final float[][] weights;
    private final float[] biases;

    LinearModel(List<String> classes, float[][] weights, float[] biases) {
        if (classes.size() < 2 || weights.length != classes.size() || biases.length != classes.size()) {
            throw new IllegalArgumentException("a model needs two classes or more, each with its weights");
        }
        this.classes = List.copyOf(classes);
        this.weights = weights;
        this.biases = biases;
    }

    List<String> classes() {
        return classes;
    }

    /** One training example: its features, its class (an index into the classes) and how much it counts. */
    record Example(TextFeatures.Vector features, int label, float importance) {}

    /** Training settings. */
    record Training(int epochs, double lambda, double rate, long seed) {}

    static LinearModel train(List<String> classes, List<Example> examples, Training training) {
        int k = classes.size();
        float[][] weights = new float[k][MessageFeatures.DIMENSION];
        float[] biases = new float[k];
        LinearModel model = new LinearModel(classes, weights, biases);
        // weighs each class by the inverse of its share, so that rare classes pull the boundary as much as common ones
        double[] share = new double[k];
        for (Example example : examples) {
            share[example.label()] += example.importance();
        }
        double[] classWeight = new double[k];
        for (int c = 0; c < k; c++) {
            classWeight[c] = share[c] == 0 ? 0 : Math.min(4, examples.size() / (k * share[c]));
        }
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(training.seed());
        long step = 0;
        double[] p = new double[k];
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int e : order) {
                double rate = training.rate() / (1 + 1e-4 * step++);
                Example example = examples.get(e);
                model.probabilities(example.features(), p);
                int[] indices = example.features().indices();
                float[] values = example.features().values();
                float shrink = (float) (1 - rate * training.lambda());
                double weight = classWeight[example.label()] * example.importance();
                for (int c = 0; c < k; c++) {
                    double gradient = ((c == example.label() ? 1 : 0) - p[c]) * weight;
                    float[] w = weights[c];
                    for (int i = 0; i < indices.length; i++) {
                        w[indices[i]] = w[indices[i]] * shrink + (float) (rate * gradient * values[i]);
                    }
                    biases[c] += (float) (rate * gradient);
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < weights[c].length; i++) {
                weights[c][i] = SparseWeights.quantised(weights[c][i]);
            }
            biases[c] = SparseWeights.quantised(biases[c]);
        }
        return model;
    }

    /** The score of each class (its log-odds up to a shared constant) into {@code scores}. */
    void scores(TextFeatures.Vector x, double[] scores) {
        int[] indices = x.indices();
        float[] values = x.values();
        for (int c = 0; c < weights.length; c++) {
            double sum = biases[c];
            float[] w = weights[c];
            for (int i = 0; i < indices.length; i++) {
                sum += w[indices[i]] * values[i];
            }
            scores[c] = sum;
        }
    }

    /** The probability of each class into {@code p}. */
    void probabilities(TextFeatures.Vector x, double[] p) {
        scores(x, p);
        softmax(p);
    }

    static void softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
    }

    /**
     * The features that pushed class {@code c} furthest above the others' average, strongest first; words and cues
     * before word pairs and character n-grams, function words ("the", "und") left out: they explain nothing.
     */
    List<String> reasons(Map<String, Float> features, TextFeatures.Vector x, int c, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String[] names = new String[features.size()];
        double[] sizes = new double[features.size()];
        boolean[] pairs = new boolean[features.size()];
        int count = 0;
        int i = 0;
        for (String name : features.keySet()) {
            int slot = x.indices()[i];
            double others = 0;
            for (int o = 0; o < weights.length; o++) {
                others += o == c ? 0 : weights[o][slot];
            }
            double contribution = (weights[c][slot] - others / (weights.length - 1)) * x.values()[i];
            i++;
            boolean functionWord = name.startsWith("w:") && MessageFeatures.FUNCTION_WORDS.contains(name.substring(2));
            if (contribution > 0 && !functionWord) {
                names[count] = name;
                sizes[count] = contribution;
                pairs[count] = name.startsWith("b:");
                count++;
            }
        }
        // the first few of (words and cues before pairs, larger first, then by name), picked out rather than sorted
        List<String> reasons = new ArrayList<>(Math.min(limit, count));
        boolean[] taken = new boolean[count];
        while (reasons.size() < limit) {
            int best = -1;
            for (int j = 0; j < count; j++) {
                if (!taken[j] && (best < 0 || before(names, sizes, pairs, j, best))) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            reasons.add(names[best]);
        }
        return List.copyOf(reasons);
    }

    private static boolean before(String[] names, double[] sizes, boolean[] pairs, int a, int b) {
        if (pairs[a] != pairs[b]) {
            return !pairs[a];
        }
        int bySize = Double.compare(sizes[b], sizes[a]);
        return bySize != 0 ? bySize < 0 : names[a].compareTo(names[b]) < 0;
    }

    void write(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(target))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(MessageFeatures.DIMENSION);
            out.writeInt(classes.size());
            for (int c = 0; c < classes.size(); c++) {
                out.writeUTF(classes.get(c));
                out.writeFloat(biases[c]);
                SparseWeights.write(out, weights[c]);
            }
        }
    }

    static LinearModel read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(source))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a linear model of this version");
            }
            if (in.readInt() != MessageFeatures.DIMENSION) {
                throw new IOException("the model was trained for another feature space");
            }
            int k = in.readInt();
            if (k < 2 || k > 100) {
                throw new IOException("implausible number of classes " + k);
            }
            List<String> classes = new ArrayList<>();
            float[][] weights = new float[k][MessageFeatures.DIMENSION];
            float[] biases = new float[k];
            for (int c = 0; c < k; c++) {
                classes.add(in.readUTF());
                biases[c] = in.readFloat();
                SparseWeights.read(in, weights[c]);
            }
            return new LinearModel(classes, weights, biases);
        }
    }

    static LinearModel bundled(String resource) {
        try (InputStream in = LinearModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The model " + resource + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("The model " + resource + " cannot be read", e);
        }
    }
}
