package dev.mandate.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the spam model the honest way: trained on some data, scored on data it has never seen, side by side
 * with a multinomial naive Bayes trained on the same split.
 */
final class SpamEvaluation {

    /** The share of the SMS collection held out for testing: every fifth message. */
    static final int SMS_HOLD_OUT_EVERY = 5;

    /**
     * How much one SMS counts in training against one comment: SMS spam teaches the vocabulary of adverts, but
     * at full weight its thousands of short chats drown the comments the model is for.
     */
    static final float SMS_IMPORTANCE = 0.3f;

    private SpamEvaluation() {}

    /** Training examples with their importance: comments count fully, SMS at {@link #SMS_IMPORTANCE}. */
    record TrainingSet(List<LabelledText> examples, float[] importance) {

        static TrainingSet of(List<LabelledText> comments, List<LabelledText> sms) {
            List<LabelledText> examples = new ArrayList<>(comments);
            examples.addAll(sms);
            float[] importance = new float[examples.size()];
            for (int i = 0; i < importance.length; i++) {
                importance[i] = i < comments.size() ? 1f : SMS_IMPORTANCE;
            }
            return new TrainingSet(examples, importance);
        }

        SpamModel train(double threshold) {
            return SpamModel.train(examples, importance, threshold);
        }
    }

    /** The figures of the model and of the naive Bayes baseline on one test set. */
    record Result(String name, int trained, Confusion model, Confusion baseline) {}

    static Result evaluate(String name, TrainingSet training, List<LabelledText> test, double threshold) {
        SpamModel model = training.train(threshold);
        boolean[] actual = new boolean[test.size()];
        boolean[] predicted = new boolean[test.size()];
        boolean[] baselinePredicted = new boolean[test.size()];
        NaiveBayes baseline = naiveBayes(training.examples());
        for (int i = 0; i < test.size(); i++) {
            String text = test.get(i).text();
            actual[i] = test.get(i).spam();
            predicted[i] = model.spam(text);
            baselinePredicted[i] = baseline.spam(TextFeatures.counts(TextFeatures.of(text)));
        }
        return new Result(
                name,
                training.examples().size(),
                Confusion.of(actual, predicted),
                Confusion.of(actual, baselinePredicted));
    }

    static NaiveBayes naiveBayes(List<LabelledText> training) {
        List<TextFeatures.Vector> vectors = new ArrayList<>(training.size());
        boolean[] labels = new boolean[training.size()];
        for (int i = 0; i < training.size(); i++) {
            vectors.add(TextFeatures.counts(TextFeatures.of(training.get(i).text())));
            labels[i] = training.get(i).spam();
        }
        return NaiveBayes.train(vectors, labels);
    }

    static Confusion score(SpamModel model, List<LabelledText> test) {
        boolean[] actual = new boolean[test.size()];
        boolean[] predicted = new boolean[test.size()];
        for (int i = 0; i < test.size(); i++) {
            actual[i] = test.get(i).spam();
            predicted[i] = model.spam(test.get(i).text());
        }
        return Confusion.of(actual, predicted);
    }

    /**
     * Every honest split of the shared data: for each YouTube video, trained on the other videos and the SMS
     * collection and tested on that video; and trained on all videos and four fifths of the SMS collection,
     * tested on the remaining fifth.
     */
    static List<Result> rotations(Path dataDir, double threshold) {
        List<Path> videos = youtubeFiles(dataDir);
        List<LabelledText> sms = SpamCorpus.read(smsFile(dataDir));
        List<Result> results = new ArrayList<>();
        for (Path video : videos) {
            List<LabelledText> comments = new ArrayList<>();
            for (Path other : videos) {
                if (!other.equals(video)) {
                    comments.addAll(SpamCorpus.read(other));
                }
            }
            results.add(evaluate(
                    video.getFileName().toString(), TrainingSet.of(comments, sms), SpamCorpus.read(video), threshold));
        }
        List<LabelledText> smsTraining = new ArrayList<>();
        List<LabelledText> smsTest = new ArrayList<>();
        for (int i = 0; i < sms.size(); i++) {
            (i % SMS_HOLD_OUT_EVERY == SMS_HOLD_OUT_EVERY - 1 ? smsTest : smsTraining).add(sms.get(i));
        }
        results.add(evaluate(
                "SMSSpamCollection (every 5th message)",
                TrainingSet.of(SpamCorpus.readAll(videos), smsTraining),
                smsTest,
                threshold));
        return results;
    }

    /** All the shared spam data, as the default model is trained on it. */
    static TrainingSet everything(Path dataDir) {
        return TrainingSet.of(SpamCorpus.readAll(youtubeFiles(dataDir)), SpamCorpus.read(smsFile(dataDir)));
    }

    static List<Path> youtubeFiles(Path dataDir) {
        Path folder = dataDir.resolve("youtube-spam-collection");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> videos = files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .toList();
            if (videos.isEmpty()) {
                throw new IllegalArgumentException("No YouTube CSV files in " + folder);
            }
            return videos;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    static Path smsFile(Path dataDir) {
        return dataDir.resolve("sms-spam-collection").resolve("SMSSpamCollection");
    }
}
