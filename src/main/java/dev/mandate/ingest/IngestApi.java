package dev.mandate.ingest;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.WorkspaceAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/workspaces/{workspaceId}/ingest}: one item (a JSON object) or a batch (an array), authorised by
 * the workspace's ingest token as a bearer token. A single invalid item is answered 400 with the field; a batch
 * stores its valid items and reports the others by index.
 */
@RestController
class IngestApi {

    private final Ingest ingest;
    private final IngestTokens tokens;
    private final IngestProperties properties;
    private final WorkspaceAccess access;

    IngestApi(Ingest ingest, IngestTokens tokens, IngestProperties properties, WorkspaceAccess access) {
        this.ingest = ingest;
        this.tokens = tokens;
        this.properties = properties;
        this.access = access;
    }

    @PostMapping("/api/workspaces/{workspaceId}/ingest")
    ResponseEntity<?> ingest(@PathVariable String workspaceId, HttpServletRequest request) throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "unauthenticated",
                    "Unauthenticated",
                    "Send the workspace's ingest token as 'Authorization: Bearer …'.",
                    null);
        }
        WorkspaceId workspace = WorkspaceAccess.parse(workspaceId);
        if (!tokens.admits(
                workspace, authorization.substring("Bearer ".length()).trim())) {
            throw new NotFound("workspace"); // a wrong token learns nothing about the workspace
        }
        MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return problem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "Send the items as application/json.",
                    null);
        }
        if (request.getContentLengthLong() > properties.maxBodyBytes()) {
            return tooLarge();
        }
        byte[] body = read(request.getInputStream(), properties.maxBodyBytes());
        if (body == null) {
            return tooLarge();
        }
        IngestJson.Delivery delivery;
        try {
            delivery = IngestJson.read(body);
        } catch (IngestJson.Unreadable unreadable) {
            return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", unreadable.getMessage(), null);
        }
        IngestReport report = ingest.accept(workspace, delivery.items(), delivery.rejected());
        if (!delivery.batch() && !report.rejected().isEmpty()) {
            Rejection rejection = report.rejected().get(0);
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-item",
                    "Invalid item",
                    rejection.message(),
                    List.of(Map.of("field", rejection.field(), "message", rejection.message())));
        }
        return ResponseEntity.status(report.stored() > 0 ? HttpStatus.CREATED : HttpStatus.OK)
                .body(report);
    }

    /** Makes a new ingest token, shown only in this answer; the old one stops working. */
    @PostMapping("/api/workspaces/{workspaceId}/ingest-token")
    ResponseEntity<Map<String, String>> rotate(@PathVariable String workspaceId, CurrentAccount caller) {
        String token = tokens.rotate(access.require(WorkspaceAccess.parse(workspaceId), caller));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token", token));
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large",
                "Body too large",
                "At most " + properties.maxBodyBytes() + " bytes per delivery; send smaller batches.",
                null);
    }

    /** The body, or {@code null} when it is longer than {@code max}. */
    private static byte[] read(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return body.length > max ? null : body;
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String type, String title, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(dev.mandate.shared.Problem.TYPE_BASE + type));
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
