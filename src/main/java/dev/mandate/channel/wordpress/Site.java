package dev.mandate.channel.wordpress;

import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.HtmlText;
import dev.mandate.shared.OutboundAddresses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WordPress site's REST API as a connector call sees it: the requests, with the application password as Basic
 * authentication, and the answers turned into {@link ConnectorFailure}s of the right kind. Never keeps the password
 * beyond the call that built it, and never puts it into a message. Each request's address is checked first
 * ({@link OutboundAddresses}), and redirects are not followed but told as a setting to fix.
 */
final class Site {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether a request changes something at the site that must not happen twice (a new comment). */
    enum Effect {
        READ,
        IDEMPOTENT_WRITE,
        CREATE
    }

    /** An answer of the site. */
    record Answer(int status, HttpResponse<String> response) {

        String body() {
            return response.body();
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        int intHeader(String name, int otherwise) {
            try {
                return response.headers()
                        .firstValue(name)
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .orElse(otherwise);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }

        /** The body as JSON; an answer that is not JSON is the site failing, not us. */
        JsonNode json(String what) {
            try {
                return JSON.readTree(body());
            } catch (JacksonException e) {
                throw ConnectorFailure.unavailable(
                        "WordPress answered " + what + " with something that is not JSON.", null);
            }
        }

        /** WordPress's error code ({@code rest_comment_invalid_id}), or empty. */
        String errorCode() {
            try {
                JsonNode node = JSON.readTree(body());
                return node.path("code").asString("");
            } catch (JacksonException | IllegalArgumentException e) {
                return "";
            }
        }

        /** WordPress's error message, shortened, or empty. */
        String errorMessage() {
            try {
                String message =
                        HtmlText.plain(JSON.readTree(body()).path("message").asString(""));
                return message.length() > 200 ? message.substring(0, 200) + "…" : message;
            } catch (JacksonException | IllegalArgumentException e) {
                return "";
            }
        }
    }

    private final HttpClient http;
    private final OutboundAddresses addresses;
    private final Duration timeout;
    private final URI base;
    private final String authorization;

    private Site(HttpClient http, OutboundAddresses addresses, Duration timeout, URI base, String authorization) {
        this.http = http;
        this.addresses = addresses;
        this.timeout = timeout;
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * The site at {@code url} (its home address), signing in as {@code user} with {@code password}; every request
     * goes only to an address that {@code addresses} allows.
     */
    static Site at(
            HttpClient http, OutboundAddresses addresses, Duration timeout, String url, String user, String password) {
        URI base = address(url);
        String basic = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password.replace(" ", "")).getBytes(StandardCharsets.UTF_8));
        return new Site(http, addresses, timeout, base, basic);
    }

    /** The site's home address, checked: an absolute http(s) URL, without a trailing slash. */
    static URI address(String url) {
        String text = url == null ? "" : url.trim();
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null) {
                throw new URISyntaxException(text, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConnectorFailure.configuration(
                    "Give the site's address as an http or https URL, e.g. https://blog.example.com.");
        }
    }

    URI base() {
        return base;
    }

    /** The REST API's address for {@code route} ({@code wp/v2/comments}) with {@code query}. */
    URI api(String route, Map<String, ?> query) {
        String q = query.isEmpty()
                ? ""
                : "?"
                        + query.entrySet().stream()
                                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
        return URI.create(base + "/wp-json/" + route + q);
    }

    Answer get(String route, Map<String, ?> query) {
        return send(HttpRequest.newBuilder(api(route, query)).GET(), Effect.READ, route);
    }

    Answer post(String route, JsonNode body, Effect effect) {
        return send(
                HttpRequest.newBuilder(api(route, Map.of()))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                effect,
                route);
    }

    Answer delete(String route) {
        return send(HttpRequest.newBuilder(api(route, Map.of())).DELETE(), Effect.IDEMPOTENT_WRITE, route);
    }

    /** Fetches any address of the site without credentials (a page as a visitor sees it). */
    Answer visit(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET().timeout(timeout).build(), Effect.READ, uri.getPath());
    }

    private Answer send(HttpRequest.Builder request, Effect effect, String route) {
        request.timeout(timeout).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build(), effect, route);
    }

    private Answer exchange(HttpRequest request, Effect effect, String route) {
        // Checked before every request, not only when connecting: a name may resolve differently later.
        Optional<String> refused = addresses.refusal(request.uri());
        if (refused.isPresent()) {
            throw ConnectorFailure.addressRefused("url", refused.get());
        }
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response);
        } catch (HttpConnectTimeoutException e) {
            throw ConnectorFailure.unavailable(
                    "WordPress at " + base.getHost() + " did not accept a connection in time.", null);
        } catch (HttpTimeoutException e) {
            if (effect == Effect.CREATE) {
                throw ConnectorFailure.unknownOutcome(
                        "WordPress at " + base.getHost()
                                + " did not answer in time; the comment may have been created.",
                        null);
            }
            throw ConnectorFailure.unavailable("WordPress at " + base.getHost() + " did not answer in time.", null);
        } catch (ConnectException e) {
            throw ConnectorFailure.unavailable(unreachable(e), new Unreachable());
        } catch (IOException e) {
            if (unresolved(e)) {
                throw ConnectorFailure.unavailable(unreachable(e), new Unreachable());
            }
            if (effect == Effect.CREATE) {
                throw ConnectorFailure.unknownOutcome(
                        "The connection to WordPress at " + base.getHost() + " broke off during " + route
                                + "; the comment may have been created.",
                        null);
            }
            throw ConnectorFailure.unavailable(
                    "The connection to WordPress at " + base.getHost() + " broke off ("
                            + e.getClass().getSimpleName() + ").",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (effect == Effect.CREATE) {
                throw ConnectorFailure.unknownOutcome("Interrupted while WordPress was creating the comment.", null);
            }
            throw ConnectorFailure.unavailable("Interrupted while waiting for WordPress.", null);
        }
    }

    /** The cause of a failure where nothing answered at the site's address (no such host, connection refused). */
    static final class Unreachable extends RuntimeException {
        Unreachable() {
            super(null, null, false, false);
        }
    }

    /** Whether {@code failure} means that nothing answered at the address at all. */
    static boolean unreachable(ConnectorFailure failure) {
        return failure.getCause() instanceof Unreachable;
    }

    /** Why the site could not be reached, for a person. */
    String unreachable(IOException e) {
        if (unresolved(e)) {
            return "There is no host named " + base.getHost() + ".";
        }
        return "Nothing accepts connections at " + base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "")
                + " (connection refused).";
    }

    static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns an answer that is not a success into the failure it means: 401/403 the credential, 429 the rate limit,
     * 5xx the site being down, 404 (on an item) the item being gone, any other refusal the request.
     */
    ConnectorFailure failure(Answer answer, String what) {
        int status = answer.status();
        String detail = detail(answer);
        if (status == 401 || status == 403) {
            return ConnectorFailure.credentials("WordPress refused " + what + " (HTTP " + status + detail
                    + "): check the user name and application password, and that the user may moderate comments.");
        }
        if (status == 429) {
            return ConnectorFailure.rateLimited(
                    "WordPress asks to slow down (HTTP 429) on " + what + ".", retryAfter(answer.response()));
        }
        if (status >= 500) {
            return ConnectorFailure.unavailable(
                    "WordPress failed on " + what + " (HTTP " + status + detail + ").", null);
        }
        if (status >= 300 && status < 400) {
            return ConnectorFailure.configuration("WordPress redirects " + what + " to "
                    + answer.response().headers().firstValue("Location").orElse("another address")
                    + "; connect the site with the address it redirects to.");
        }
        if (status == 404) {
            return ConnectorFailure.rejected("WordPress does not have " + what + " (HTTP 404" + detail + ").");
        }
        return ConnectorFailure.rejected("WordPress refused " + what + " (HTTP " + status + detail + ").");
    }

    private static String detail(Answer answer) {
        String code = answer.errorCode();
        String message = answer.errorMessage();
        if (code.isEmpty() && message.isEmpty()) {
            return "";
        }
        return ": " + (message.isEmpty() ? code : message + (code.isEmpty() ? "" : " [" + code + "]"));
    }

    /** The wait a 429 asks for: Retry-After in seconds or as an HTTP date; {@code null} if absent. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static Map<String, Object> query(Object... pairs) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return query;
    }

    @Override
    public String toString() {
        return "Site[" + base + "]";
    }
}
