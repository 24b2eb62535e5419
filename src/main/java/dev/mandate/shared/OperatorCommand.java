package dev.mandate.shared;

import java.io.PrintStream;

/** A command an operator runs from the same jar, e.g. {@code java -jar mandate.jar audit verify}. */
public interface OperatorCommand {

    /** The words that select the command, e.g. {@code "audit verify"}. */
    String name();

    /** One line saying what the command does. */
    String description();

    /**
     * Whether the command reads its own {@code --options}: then it gets every word after its name, options
     * included, except Spring properties ({@code --mandate.database.url=…}); otherwise options go to Spring only.
     */
    default boolean readsOptions() {
        return false;
    }

    /** Runs the command with the words after its name and returns the process exit status. */
    int run(String[] arguments, PrintStream out);
}
