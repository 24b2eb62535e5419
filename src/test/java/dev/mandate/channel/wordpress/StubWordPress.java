package dev.mandate.channel.wordpress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stub of the WordPress REST API on a free loopback port, answering as WordPress 6 documents it: the index, the
 * signed-in user, comments with {@code status}, {@code orderby=id}, {@code offset}, {@code per_page} and the
 * {@code X-WP-Total} headers, posts by {@code include}, creating and moderating comments. Tests add comments, make it
 * fail ({@link #failNext}) and read what it received.
 */
final class StubWordPress implements AutoCloseable {

    static final String USER = "brand";
    static final String PASSWORD = "abcd efgh ijkl mnop qrst uvwx";
    static final long BRAND_ID = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer the stub gives instead of the normal one, to requests that match. */
    record Failure(
            Predicate<HttpExchange> matches, int status, Map<String, String> headers, String body, long delayMillis) {}

    private final HttpServer server;
    final List<ObjectNode> comments = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    boolean restApi = true;

    StubWordPress() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Answers the next matching request with {@code status} (and headers, body), once. */
    void failNext(Predicate<HttpExchange> matches, int status, Map<String, String> headers, String body) {
        failures.add(new Failure(matches, status, headers, body, 0));
    }

    /** Lets the next matching request wait {@code millis} before it is answered normally. */
    void delayNext(Predicate<HttpExchange> matches, long millis) {
        failures.add(new Failure(matches, 0, Map.of(), null, millis));
    }

    static Predicate<HttpExchange> path(String method, String path) {
        return exchange -> exchange.getRequestMethod().equals(method)
                && exchange.getRequestURI().getPath().equals(path);
    }

    /** Adds a comment as a visitor or (with {@code userId}) a user wrote it; returns its id. */
    synchronized long comment(
            long post, long parent, String name, String email, long userId, String status, String html) {
        long id = nextId++;
        comments.add(commentJson(id, post, parent, name, email, userId, status, html));
        return id;
    }

    /** Adds something that is not a valid comment, taking an id. */
    synchronized long malformed(ObjectNode json) {
        long id = nextId++;
        json.put("id", id);
        json.put("status", json.path("status").asString("approved"));
        comments.add(json);
        return id;
    }

    private ObjectNode commentJson(
            long id, long post, long parent, String name, String email, long userId, String status, String html) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("post", post);
        c.put("parent", parent);
        c.put("author", userId);
        c.put("author_name", name);
        c.put("author_email", email);
        c.put("author_url", "");
        c.put(
                "date_gmt",
                LocalDateTime.ofInstant(
                                Instant.parse("2026-01-01T00:00:00Z").plus(id, ChronoUnit.MINUTES), ZoneOffset.UTC)
                        .toString());
        c.putObject("content").put("rendered", html).put("raw", html);
        c.put("link", url() + "/?p=" + post + "#comment-" + id);
        c.put("status", status);
        c.put("type", "comment");
        return c;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + exchange.getRequestURI());
        byte[] in = exchange.getRequestBody().readAllBytes();
        bodies.add(new String(in, StandardCharsets.UTF_8));
        for (Failure failure : failures) {
            if (failure.matches().test(exchange)) {
                failures.remove(failure);
                if (failure.delayMillis() > 0) {
                    sleep(failure.delayMillis());
                    break;
                }
                failure.headers()
                        .forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, failure.status(), failure.body() == null ? "" : failure.body());
                return;
            }
        }
        if (!restApi || !path.startsWith("/wp-json/")) {
            send(exchange, 404, "<html><body>Not found</body></html>");
            return;
        }
        if (path.equals("/wp-json/")) {
            send(exchange, 200, "{\"name\":\"Stub\",\"namespaces\":[\"oembed/1.0\",\"wp/v2\"]}");
            return;
        }
        if (!authorised(exchange)) {
            send(
                    exchange,
                    401,
                    "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\",\"data\":{\"status\":401}}");
            return;
        }
        Map<String, String> query = query(exchange);
        if (path.equals("/wp-json/wp/v2/users/me")) {
            send(
                    exchange,
                    200,
                    "{\"id\":" + BRAND_ID
                            + ",\"name\":\"Jürg\",\"email\":\"Juerg@Example.com\",\"capabilities\":{\"moderate_comments\":true}}");
        } else if (path.equals("/wp-json/wp/v2/comments") && method.equals("GET")) {
            listComments(exchange, query);
        } else if (path.equals("/wp-json/wp/v2/comments") && method.equals("POST")) {
            JsonNode body = JSON.readTree(in);
            long id;
            synchronized (this) {
                id = nextId++;
                comments.add(commentJson(
                        id,
                        body.path("post").asLong(),
                        body.path("parent").asLong(),
                        "Jürg",
                        "juerg@example.com",
                        BRAND_ID,
                        "approved",
                        body.path("content").asString()));
            }
            send(exchange, 201, JSON.writeValueAsString(find(id)));
        } else if (path.startsWith("/wp-json/wp/v2/comments/")) {
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            ObjectNode comment = find(id);
            if (comment == null) {
                send(
                        exchange,
                        404,
                        "{\"code\":\"rest_comment_invalid_id\",\"message\":\"Invalid comment ID.\",\"data\":{\"status\":404}}");
            } else if (method.equals("DELETE")) {
                comment.put("status", "trash");
                send(exchange, 200, JSON.writeValueAsString(comment));
            } else if (method.equals("POST")) {
                String status = JSON.readTree(in).path("status").asString();
                comment.put("status", status.equals("approve") ? "approved" : status);
                send(exchange, 200, JSON.writeValueAsString(comment));
            } else {
                send(exchange, 200, JSON.writeValueAsString(comment));
            }
        } else if (path.equals("/wp-json/wp/v2/posts")) {
            ArrayNode posts = JSON.createArrayNode();
            for (String id : query.getOrDefault("include", "").split(",")) {
                if (!id.isBlank() && Long.parseLong(id) < 1000) {
                    ObjectNode post = posts.addObject();
                    post.put("id", Long.parseLong(id));
                    post.put("date_gmt", "2026-01-01T00:00:00");
                    post.putObject("title").put("rendered", "Post " + id + " &#8211; on outsourcing");
                    post.putObject("excerpt").put("rendered", "<p>About post " + id + "&hellip;</p>\n");
                    post.put("link", url() + "/?p=" + id);
                }
            }
            send(exchange, 200, JSON.writeValueAsString(posts));
        } else {
            send(exchange, 200, "[]");
        }
    }

    private ObjectNode find(long id) {
        return comments.stream()
                .filter(c -> c.path("id").asLong() == id)
                .findFirst()
                .orElse(null);
    }

    private void listComments(HttpExchange exchange, Map<String, String> query) throws IOException {
        String status = query.getOrDefault("status", "approve");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode c : comments) {
            String s = c.path("status").asString();
            boolean statusMatches = switch (status) {
                case "all" -> s.equals("approved") || s.equals("hold");
                case "approve" -> s.equals("approved");
                default -> s.equals(status);
            };
            String type = query.getOrDefault("type", "comment");
            if (statusMatches
                    && (type.equals("all") || c.path("type").asString("comment").equals(type))
                    && (!query.containsKey("parent")
                            || c.path("parent").asLong() == Long.parseLong(query.get("parent")))
                    && (!query.containsKey("author")
                            || c.path("author").asLong() == Long.parseLong(query.get("author")))
                    && (!query.containsKey("search") || c.toString().contains(query.get("search")))) {
                matching.add(c);
            }
        }
        matching.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        if ("desc".equals(query.get("order"))) {
            java.util.Collections.reverse(matching);
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "10"));
        int offset = query.containsKey("offset") && !query.get("offset").equals("0")
                ? Integer.parseInt(query.get("offset"))
                : perPage * (Integer.parseInt(query.getOrDefault("page", "1")) - 1);
        ArrayNode page = JSON.createArrayNode();
        matching.stream().skip(offset).limit(perPage).forEach(page::add);
        exchange.getResponseHeaders().add("X-WP-Total", Integer.toString(matching.size()));
        exchange.getResponseHeaders()
                .add("X-WP-TotalPages", Integer.toString((matching.size() + perPage - 1) / perPage));
        send(exchange, 200, JSON.writeValueAsString(page));
    }

    private static boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD.replace(" ", "")).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
