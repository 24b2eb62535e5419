package dev.mandate;

import dev.mandate.shared.OperatorCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.Modulithic;

/**
 * Mandate: the self-hosted social media desk that keeps a business in control of its agency.
 *
 * <p>Started without arguments it serves the web application; started with a command
 * ({@code java -jar mandate.jar audit verify}) it runs that operator command without a web server and exits
 * with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class MandateApplication {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(runCommand(args, System.out, System.err));
        }
        SpringApplication.run(MandateApplication.class, args);
    }

    /** The words after a command's name, its options included, without Spring properties such as --a.b=c. */
    private static String[] ownArguments(String[] arguments, int nameWords) {
        List<String> own = new java.util.ArrayList<>();
        int skipped = 0;
        for (String argument : arguments) {
            if (argument.startsWith("--") && argument.split("=", 2)[0].contains(".")) {
                continue;
            }
            if (skipped < nameWords && !argument.startsWith("--")) {
                skipped++;
                continue;
            }
            own.add(argument);
        }
        return own.toArray(String[]::new);
    }

    static int runCommand(String[] arguments, PrintStream out, PrintStream err) {
        String[] args =
                Arrays.stream(arguments).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        String[] options =
                Arrays.stream(arguments).filter(a -> a.startsWith("--")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MandateApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "mandate.demo.enabled=false",
                        "mandate.command-mode=true",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(options)) {
            List<OperatorCommand> commands = context.getBeansOfType(OperatorCommand.class).values().stream()
                    .sorted(Comparator.comparing(OperatorCommand::name))
                    .toList();
            String line = String.join(" ", args);
            for (OperatorCommand command : commands) {
                String[] words = command.name().split(" ");
                if (args.length >= words.length && Arrays.equals(Arrays.copyOf(args, words.length), words)) {
                    if (command.readsOptions()) {
                        return command.run(ownArguments(arguments, words.length), out);
                    }
                    return command.run(Arrays.copyOfRange(args, words.length, args.length), out);
                }
            }
            err.println("Unknown command: " + line);
            err.println("Commands:");
            commands.forEach(c -> err.println("  " + c.name() + "  " + c.description()));
            return 2;
        }
    }
}
