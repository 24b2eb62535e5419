package dev.mandate.channel;

import dev.mandate.shared.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The network refused what connecting (or testing, or a new credential) gave it: a wrong URL, a wrong password, a
 * site without the API. Answered as problem {@code connect-failed} with the failure's kind and, where one field is at
 * fault, that field; an address inside the network Mandate runs in, which Mandate does not call, as problem
 * {@code address-not-allowed} with the field that names it.
 */
public class CouldNotConnect extends Problem {

    private final ConnectorFailure.Kind kind;

    public CouldNotConnect(ConnectorFailure.Kind kind, String field, String detail) {
        this(kind, field, detail, false);
    }

    CouldNotConnect(ConnectorFailure failure, String field) {
        this(failure.kind(), field, failure.getMessage(), failure.addressRefused());
    }

    private CouldNotConnect(ConnectorFailure.Kind kind, String field, String detail, boolean addressRefused) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                addressRefused ? "address-not-allowed" : "connect-failed",
                addressRefused ? "Address not allowed" : "Could not connect",
                detail);
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
