package dev.mandate.shared;

import org.springframework.http.HttpStatus;

/** Input that is well-formed but breaks a domain rule; names the field where there is one. */
public class InvalidInput extends Problem {

    private final String field;

    public InvalidInput(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
        this.field = field;
        if (field != null) {
            getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", detail)));
        }
    }

    /** The field at fault, or {@code null} when the input as a whole is at fault. */
    public String field() {
        return field;
    }
}
