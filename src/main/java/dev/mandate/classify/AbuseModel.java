package dev.mandate.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The trained part of the abuse classifier: a {@link LinearModel} telling offensive German text (GermEval 2018's
 * OFFENSE: abuse, insults, profanity) from the rest. The shared data hold only GermEval's training file, so one line
 * in {@value #HOLD_OUT} is held out of training (the lines whose number divides by it) and is the test set.
 */
final class AbuseModel {

    static final String RESOURCE = "classify/abuse-model.bin.gz";

    static final List<String> CLASSES = List.of("OTHER", "OFFENSE");

    static final int HOLD_OUT = 5;

    static final String GERMEVAL_TRAINING = "germeval2018.training.txt";

    static final Path TRAIN_FILE = Path.of("germeval2018", GERMEVAL_TRAINING);

    static final LinearModel.Training TRAINING = new LinearModel.Training(10, 1e-5, 0.5, 20261123L);

    private static final Pattern MENTION = Pattern.compile("@\\w+");

    private AbuseModel() {}

    /** One labelled tweet and its line. */
    record Example(String text, boolean offensive, int line) {}

    /** The text as the model reads it: mentions and GermEval's line-break marks removed. */
    static String clean(String text) {
        return MENTION.matcher(text.replace("|LBR|", "\n")).replaceAll(" ");
    }

    /** Whether a line of GermEval's training file is held out of training for testing. */
    static boolean heldOut(int line) {
        return line % HOLD_OUT == 0;
    }

    /** Reads GermEval's TSV ({@code tweet<TAB>OFFENSE|OTHER<TAB>fine label}); a bad label names its line. */
    static List<Example> read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<Example> examples = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 2) {
                throw new SpamCorpus.InvalidLine(file, i + 1, "expected tweet<TAB>OFFENSE|OTHER[<TAB>fine label]");
            }
            String label = fields[1].trim();
            if (!label.equals("OFFENSE") && !label.equals("OTHER")) {
                throw new SpamCorpus.InvalidLine(
                        file,
                        i + 1,
                        "label \"" + (label.length() > 40 ? label.substring(0, 40) + "…" : label)
                                + "\" is neither OFFENSE nor OTHER");
            }
            examples.add(new Example(fields[0], label.equals("OFFENSE"), i + 1));
        }
        return examples;
    }

    static LinearModel train(List<Example> examples) {
        List<LinearModel.Example> training = new ArrayList<>();
        for (Example example : examples) {
            training.add(new LinearModel.Example(
                    MessageFeatures.vector(MessageFeatures.of(clean(example.text()), true)),
                    example.offensive() ? 1 : 0,
                    1f));
        }
        return LinearModel.train(CLASSES, training, TRAINING);
    }

    /** Trains on GermEval's training file under the shared data sets folder, without the held-out lines. */
    static LinearModel train(Path dataDir) {
        return train(read(dataDir.resolve(TRAIN_FILE)).stream()
                .filter(e -> !heldOut(e.line()))
                .toList());
    }

    static LinearModel bundled() {
        return LinearModel.bundled(RESOURCE);
    }
}
