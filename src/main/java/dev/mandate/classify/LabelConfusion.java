package dev.mandate.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix of a classifier with several labels (rows: the label as labelled; columns: as predicted),
 * with precision, recall and F1 per label, their macro average and the accuracy.
 */
record LabelConfusion(List<String> labels, long[][] counts) {

    LabelConfusion {
        labels = List.copyOf(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("one row per label");
        }
    }

    static LabelConfusion empty(List<String> labels) {
        return new LabelConfusion(labels, new long[labels.size()][labels.size()]);
    }

    void add(String actual, String predicted) {
        counts[labels.indexOf(actual)][labels.indexOf(predicted)]++;
    }

    long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        long total = total();
        return total == 0 ? 0 : (double) right / total;
    }

    long actual(int label) {
        long sum = 0;
        for (long count : counts[label]) {
            sum += count;
        }
        return sum;
    }

    long predicted(int label) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[label];
        }
        return sum;
    }

    double precision(int label) {
        long predicted = predicted(label);
        return predicted == 0 ? 0 : (double) counts[label][label] / predicted;
    }

    double recall(int label) {
        long actual = actual(label);
        return actual == 0 ? 0 : (double) counts[label][label] / actual;
    }

    /** The share of the messages not labelled {@code label} that were predicted as it. */
    double falsePositiveRate(int label) {
        long others = total() - actual(label);
        return others == 0 ? 0 : (double) (predicted(label) - counts[label][label]) / others;
    }

    double f1(int label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean F1 over the labels that occur in the data. */
    double macroF1() {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (actual(i) > 0) {
                sum += f1(i);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** The figures and the matrix as lines of text. */
    String text() {
        StringBuilder text = new StringBuilder();
        int width = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(0) + 1);
        text.append(String.format(
                Locale.ROOT, "accuracy %.4f  macro-F1 %.4f  (%d messages)%n", accuracy(), macroF1(), total()));
        text.append(String.format(
                Locale.ROOT,
                "  %-" + width + "s %9s %9s %9s %8s %8s%n",
                "label",
                "precision",
                "recall",
                "F1",
                "FP rate",
                "count"));
        for (int i = 0; i < labels.size(); i++) {
            text.append(String.format(
                    Locale.ROOT,
                    "  %-" + width + "s %9.4f %9.4f %9.4f %8.4f %8d%n",
                    labels.get(i),
                    precision(i),
                    recall(i),
                    f1(i),
                    falsePositiveRate(i),
                    actual(i)));
        }
        text.append(String.format(Locale.ROOT, "  %-" + width + "s", "actual \\ predicted"));
        for (String label : labels) {
            text.append(String.format(Locale.ROOT, " %" + width + "s", label));
        }
        text.append(System.lineSeparator());
        for (int i = 0; i < labels.size(); i++) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s", labels.get(i)));
            for (int j = 0; j < labels.size(); j++) {
                text.append(String.format(Locale.ROOT, " %" + width + "d", counts[i][j]));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    /** The figures and the matrix as a JSON object. */
    String json() {
        List<String> perLabel = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            perLabel.add(String.format(
                    Locale.ROOT,
                    "\"%s\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"falsePositiveRate\":%.4f,"
                            + "\"count\":%d}",
                    labels.get(i),
                    precision(i),
                    recall(i),
                    f1(i),
                    falsePositiveRate(i),
                    actual(i)));
            List<String> row = new ArrayList<>();
            for (long count : counts[i]) {
                row.add(Long.toString(count));
            }
            rows.add("[" + String.join(",", row) + "]");
        }
        List<String> quoted = labels.stream().map(l -> "\"" + l + "\"").toList();
        return String.format(
                Locale.ROOT,
                "{\"accuracy\":%.4f,\"macroF1\":%.4f,\"messages\":%d,\"labels\":{%s},\"confusion\":{\"labels\":[%s],"
                        + "\"rows\":[%s]}}",
                accuracy(),
                macroF1(),
                total(),
                String.join(",", perLabel),
                String.join(",", quoted),
                String.join(",", rows));
    }
}
