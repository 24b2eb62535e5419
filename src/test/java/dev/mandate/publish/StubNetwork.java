package dev.mandate.publish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small network over real HTTP that takes comments as replies, as a blog's API does: {@code POST /comments} stores
 * one (the body is {@code key|parent|text}) and answers its id; {@code GET /comments?key=…} finds one by the key the
 * connector put into it. Each POST can be told to misbehave first: answer 429 or 503 or 401, or take the comment but
 * answer too late for the client, or answer too late without taking it.
 */
final class StubNetwork implements AutoCloseable {

    /** What the next POST does instead of answering at once. */
    enum Trouble {
        RATE_LIMITED,
        DOWN,
        REFUSED_CREDENTIAL,
        STORED_BUT_SLOW,
        LOST_AND_SLOW
    }

    static final long SLOW_MILLIS = 1_500;

    private final HttpServer server;
    private final Map<String, String> comments = new LinkedHashMap<>();
    private final Deque<Trouble> troubles = new ArrayDeque<>();
    private final Deque<Trouble> lookupTroubles = new ArrayDeque<>();
    private final AtomicInteger posts = new AtomicInteger();

    StubNetwork() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/comments", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void next(Trouble trouble) {
        troubles.add(trouble);
    }

    /** What the next GET (a look-up) does instead of answering: only {@link Trouble#DOWN} is meant for it. */
    synchronized void nextLookup(Trouble trouble) {
        lookupTroubles.add(trouble);
    }

    /** How many comments carry this key (a reply delivered twice would show 2). */
    synchronized int stored(String key) {
        return (int) comments.values().stream().filter(key::equals).count();
    }

    /** How many POSTs arrived, answered or not. */
    int posts() {
        return posts.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                Trouble lookupTrouble;
                synchronized (this) {
                    lookupTrouble = lookupTroubles.poll();
                }
                if (lookupTrouble != null) {
                    answer(exchange, 503, "overloaded");
                    return;
                }
                String key = query(exchange.getRequestURI()).get("key");
                String id = find(key);
                if (id == null) {
                    answer(exchange, 404, "");
                } else {
                    answer(exchange, 200, id);
                }
                return;
            }
            posts.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String key = body.split("\\|", 2)[0];
            Trouble trouble;
            synchronized (this) {
                trouble = troubles.poll();
            }
            if (trouble == null) {
                answer(exchange, 201, store(key));
                return;
            }
            switch (trouble) {
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                    answer(exchange, 429, "slow down");
                }
                case DOWN -> answer(exchange, 503, "overloaded");
                case REFUSED_CREDENTIAL -> answer(exchange, 401, "bad password");
                case STORED_BUT_SLOW -> {
                    String id = store(key);
                    sleep();
                    answer(exchange, 201, id);
                }
                case LOST_AND_SLOW -> {
                    sleep();
                    answer(exchange, 500, "");
                }
            }
        }
    }

    private synchronized String store(String key) {
        String id = "r-" + (comments.size() + 1);
        comments.put(id, key);
        return id;
    }

    private synchronized String find(String key) {
        return comments.entrySet().stream()
                .filter(e -> e.getValue().equals(key))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private static void sleep() {
        try {
            Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
