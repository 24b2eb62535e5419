package dev.mandate.channel;

import dev.mandate.shared.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The network refused what connecting (or testing, or a new credential) gave it: a wrong URL, a wrong password, a
 * site without the API. Answered as problem {@code connect-failed} with the failure's kind and, where one field is at
 * fault, that field.
 */
public class CouldNotConnect extends Problem {

    private final ConnectorFailure.Kind kind;

    public CouldNotConnect(ConnectorFailure.Kind kind, String field, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "connect-failed", "Could not connect", detail);
        this.kind = kind;
        getBody().setProperty("kind", kind.name());
        if (field != null) {
            getBody().setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
    }

    public ConnectorFailure.Kind kind() {
        return kind;
    }
}
