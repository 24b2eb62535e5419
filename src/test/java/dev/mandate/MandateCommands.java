package dev.mandate;

import dev.mandate.storage.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs an operator command as {@code java -jar mandate.jar …} would, against the test database. */
public final class MandateCommands {

    private MandateCommands() {}

    /** What a command printed and the exit status it returned. */
    public record Outcome(int status, String out, String err) {}

    public static Outcome run(String... words) {
        TestDatabase database = TestDatabase.get();
        List<String> arguments = new ArrayList<>(List.of(words));
        arguments.add("--mandate.database.url=" + database.url());
        arguments.add("--mandate.database.username=" + database.username());
        if (database.password() != null) {
            arguments.add("--mandate.database.password=" + database.password());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MandateApplication.runCommand(
                arguments.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
