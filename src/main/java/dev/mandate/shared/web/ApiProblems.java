package dev.mandate.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failure of the REST API with an RFC 9457 problem detail: field-level messages for invalid
 * bodies, a stable {@code type} for each kind of problem, and never a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final String BASE = dev.mandate.shared.Problem.TYPE_BASE;

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setType(URI.create(BASE + "invalid-input"));
        problem.setTitle("Invalid input");
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A domain rule broken while the body was read (a value object's constructor) says best what is wrong.
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.mandate.shared.Problem problem) {
                return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
        problem.setType(URI.create(BASE + "unreadable-body"));
        problem.setTitle("Unreadable body");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "Someone else changed this at the same time; load it again and retry.");
        problem.setType(URI.create(BASE + "concurrent-change"));
        problem.setTitle("Concurrent change");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
