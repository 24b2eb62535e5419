package dev.mandate.classify;

import dev.mandate.shared.OperatorCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar mandate.jar classify train --task spam --data-dir ../shared/datasets}: rebuilds the default
 * spam model from the shared data sets (read, never copied) into {@code src/main/resources/classify/}.
 */
@Component
class ClassifyTrainCommand implements OperatorCommand {

    static final Path DEFAULT_OUTPUT = Path.of("src", "main", "resources").resolve(SpamModel.RESOURCE);

    private static final Path RESOURCES = Path.of("src", "main", "resources");

    private static final String USAGE = "Usage: classify train --task spam|intent|abuse --data-dir DIR [--output FILE]"
            + "  (default output " + RESOURCES + "/classify/<task>-model.bin.gz)";

    @Override
    public String name() {
        return "classify train";
    }

    @Override
    public String description() {
        return "--task spam|intent|abuse --data-dir DIR [--output FILE]: rebuilds a bundled model from the data sets";
    }

    @Override
    public boolean readsOptions() {
        return true;
    }

    @Override
    public int run(String[] arguments, PrintStream out) {
        CommandOptions options;
        try {
            options = CommandOptions.parse(arguments, Set.of("task", "data-dir", "output"), Set.of());
        } catch (CommandOptions.Invalid e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        String task = options.get("task");
        if (task == null || options.get("data-dir") == null) {
            out.println(USAGE);
            return 2;
        }
        if (!List.of("spam", "intent", "abuse").contains(task)) {
            out.println("classify train --task " + task + " is unknown; tasks: spam, intent, abuse");
            return 2;
        }
        Path dataDir = Path.of(options.get("data-dir"));
        if (!Files.isDirectory(dataDir)) {
            out.println("No data folder " + dataDir);
            return 2;
        }
        if (!task.equals("spam")) {
            return linear(task, dataDir, options, out);
        }
        Path output = options.has("output") ? Path.of(options.get("output")) : DEFAULT_OUTPUT;
        try {
            SpamEvaluation.TrainingSet training = SpamEvaluation.everything(dataDir);
            SpamModel model = training.train(SpamModel.DEFAULT_THRESHOLD);
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            try (OutputStream target = Files.newOutputStream(output)) {
                model.write(target);
            }
            out.printf(
                    "Trained the spam model on %d messages; written to %s (%d bytes)%n",
                    training.examples().size(), output, Files.size(output));
            return 0;
        } catch (SpamCorpus.InvalidLine e) {
            out.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("Training failed: " + e.getMessage());
            return 1;
        }
    }

    private static int linear(String task, Path dataDir, CommandOptions options, PrintStream out) {
        String resource = task.equals("intent") ? IntentModel.RESOURCE : AbuseModel.RESOURCE;
        Path output = options.has("output") ? Path.of(options.get("output")) : RESOURCES.resolve(resource);
        try {
            LinearModel model = task.equals("intent") ? IntentModel.train(dataDir) : AbuseModel.train(dataDir);
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            try (OutputStream target = Files.newOutputStream(output)) {
                model.write(target);
            }
            out.printf("Trained the %s model; written to %s (%d bytes)%n", task, output, Files.size(output));
            return 0;
        } catch (SpamCorpus.InvalidLine e) {
            out.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("Training failed: " + e.getMessage());
            return 1;
        }
    }
}
