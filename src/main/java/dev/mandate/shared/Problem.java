package dev.mandate.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A domain failure with the RFC 9457 problem detail it is answered with: a stable {@code type}, a title, and
 * a detail for people. Modules throw subclasses named after what went wrong.
 */
public abstract class Problem extends ErrorResponseException {

    /** Where problem types are named; the types are documented in the README. */
    public static final String TYPE_BASE = "https://mandate.dev/problems/";

    protected Problem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
