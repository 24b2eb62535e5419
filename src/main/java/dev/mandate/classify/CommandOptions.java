package dev.mandate.classify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value}, {@code --name=value} and {@code --flag} options of a classify command. */
final class CommandOptions {

    /** Options that cannot be read: the command prints its usage and exits with status 2. */
    static final class Invalid extends Exception {

        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private CommandOptions(Map<String, String> values) {
        this.values = values;
    }

    static CommandOptions parse(String[] arguments, Set<String> withValue, Set<String> flags) throws Invalid {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (!argument.startsWith("--")) {
                throw new Invalid("Unexpected argument: " + argument);
            }
            String[] parts = argument.substring(2).split("=", 2);
            String name = parts[0];
            if (flags.contains(name)) {
                if (parts.length > 1) {
                    throw new Invalid("--" + name + " takes no value");
                }
                values.put(name, "true");
            } else if (withValue.contains(name)) {
                String value;
                if (parts.length > 1) {
                    value = parts[1];
                } else if (i + 1 < arguments.length && !arguments[i + 1].startsWith("--")) {
                    value = arguments[++i];
                } else {
                    throw new Invalid("--" + name + " needs a value");
                }
                if (value.isBlank()) {
                    throw new Invalid("--" + name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new Invalid("--" + name + " is given twice");
                }
            } else {
                throw new Invalid("Unknown option: --" + name);
            }
        }
        return new CommandOptions(values);
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
