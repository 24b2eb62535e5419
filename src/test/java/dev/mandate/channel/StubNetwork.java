package dev.mandate.channel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network's API for the sync tests, over real HTTP (the JDK's server): each site has a password, items served
 * in pages by a numeric cursor, and scripted answers for the next requests (503, 429 with Retry-After, 401, or an
 * item that cannot be read). It counts requests and notes when two reads of one site overlap.
 */
final class StubNetwork implements AutoCloseable {

    private static StubNetwork shared;

    private final HttpServer server;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();

    private StubNetwork() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sites/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The one stub of the test run. */
    static synchronized StubNetwork get() {
        if (shared == null) {
            try {
                shared = new StubNetwork();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A new site with this user and password; its URL is {@link Site#url()}. */
    Site site(String user, String password) {
        Site site = new Site(UUID.randomUUID().toString(), user, password);
        sites.put(site.key, site);
        return site;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Site site = path.length > 3 ? sites.get(path[2]) : null;
            if (site == null) {
                send(exchange, 404, "{\"message\":\"no such site\"}");
                return;
            }
            site.handle(exchange, path[3]);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A scripted answer: a status, a Retry-After, or an unreadable item in the next page. */
    record Answer(int status, Integer retryAfterSeconds, boolean malformedItem) {

        static Answer status(int status) {
            return new Answer(status, null, false);
        }

        static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, retryAfterSeconds, false);
        }

        static Answer malformed() {
            return new Answer(200, null, true);
        }
    }

    /** One site of the network. */
    final class Site {

        final String key;
        final String user;
        volatile String password;
        volatile int pageSize = 2;
        volatile long readMillis = 0;
        final List<String> items = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
        final List<String> cursorsAsked = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger reading = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger verifications = new AtomicInteger();

        Site(String key, String user, String password) {
            this.key = key;
            this.user = user;
            this.password = password;
        }

        String url() {
            return base() + "/sites/" + key;
        }

        /** Adds comments with these texts; their ids count up from 1. */
        Site withItems(String... texts) {
            items.addAll(List.of(texts));
            return this;
        }

        /** The next requests get these answers, one each, before the site answers normally again. */
        Site then(Answer... answers) {
            script.addAll(List.of(answers));
            return this;
        }

        private void handle(HttpExchange exchange, String resource) throws IOException {
            if (resource.equals("items")) {
                reads.incrementAndGet();
            }
            if (!authorised(exchange)) {
                send(exchange, 401, "{\"message\":\"wrong user or password\"}");
                return;
            }
            if (resource.equals("me")) {
                verifications.incrementAndGet();
                send(exchange, 200, "{\"name\":\"Stub site of " + user + "\",\"handles\":[\"" + user + "\"]}");
                return;
            }
            if (!resource.equals("items")) {
                send(exchange, 404, "{}");
                return;
            }
            if (reading.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                if (readMillis > 0) {
                    Thread.sleep(readMillis);
                }
                Answer answer = script.poll();
                if (answer != null && answer.status() != 200) {
                    if (answer.retryAfterSeconds() != null) {
                        exchange.getResponseHeaders()
                                .set("Retry-After", answer.retryAfterSeconds().toString());
                    }
                    send(exchange, answer.status(), "{\"message\":\"scripted " + answer.status() + "\"}");
                    return;
                }
                String query = exchange.getRequestURI().getQuery();
                String cursor = query != null && query.startsWith("cursor=") ? query.substring(7) : "";
                cursorsAsked.add(cursor);
                int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
                int to = Math.min(items.size(), from + pageSize);
                StringBuilder body = new StringBuilder("{\"items\":[");
                for (int i = from; i < to; i++) {
                    body.append(i > from ? "," : "")
                            .append("{\"id\":\"")
                            .append(i + 1)
                            .append("\",\"author\":\"visitor")
                            .append(i + 1)
                            .append("\",\"text\":\"")
                            .append(items.get(i))
                            .append("\",\"createdAt\":\"")
                            .append(Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i))
                            .append("\"}");
                }
                if (answer != null && answer.malformedItem()) {
                    body.append(to > from ? "," : "").append("{\"id\":\"broken\"}");
                }
                body.append("],\"next\":\"")
                        .append(to)
                        .append("\",\"more\":")
                        .append(to < items.size())
                        .append('}');
                send(exchange, 200, body.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 503, "{}");
            } finally {
                reading.decrementAndGet();
            }
        }

        private boolean authorised(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return expected.equals(header);
        }
    }
}
