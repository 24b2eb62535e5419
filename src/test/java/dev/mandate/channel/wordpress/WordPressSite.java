package dev.mandate.channel.wordpress;

import dev.mandate.channel.Connection;
import dev.mandate.channel.HtmlText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real WordPress for the integration tests, from Debian's {@code wordpress} package: a fresh MariaDB database and
 * user, a config file {@code /etc/wordpress/config-mandate-it-RANDOM.php}, {@code wp_install} with an application
 * password for the brand's user, and {@code php -S} on a free loopback port; {@link #close()} stops the server and
 * removes the database, the user and the files. Every run has its own names and secrets; the application password is
 * never printed.
 */
final class WordPressSite implements AutoCloseable {

    static final Path WORDPRESS = Path.of("/usr/share/wordpress");
    static final Path CONFIGS = Path.of("/etc/wordpress");
    static final String USER = "brand";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final int port;
    private final Path work;
    private final Path config;
    private final String applicationPassword;
    private final long userId;
    private final Process server;
    private final Thread shutdown;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private WordPressSite(
            String name, int port, Path work, Path config, String applicationPassword, long userId, Process server) {
        this.name = name;
        this.port = port;
        this.work = work;
        this.config = config;
        this.applicationPassword = applicationPassword;
        this.userId = userId;
        this.server = server;
        // A run that is killed still stops the server and removes the database.
        this.shutdown = new Thread(() -> {
            stop(server);
            cleanUp(name, config, work);
        });
        Runtime.getRuntime().addShutdownHook(shutdown);
    }

    /** What is missing on this machine for a real WordPress, or empty if it can run here. */
    static Optional<String> missing() {
        if (!Files.isRegularFile(WORDPRESS.resolve("wp-load.php"))) {
            return Optional.of("WordPress is not installed (Debian package 'wordpress'; .ci/run installs it)");
        }
        if (!Files.isDirectory(WORDPRESS.resolve("wp-content/themes/twentytwentythree"))) {
            return Optional.of(
                    "WordPress's theme is not installed (Debian package 'wordpress-theme-twentytwentythree')");
        }
        if (!succeeds("php", "-r", "exit(extension_loaded('mysqli') && extension_loaded('mbstring') ? 0 : 1);")) {
            return Optional.of("PHP with mysqli and mbstring is not installed (php-cli, php-mysql, php-mbstring)");
        }
        if (!succeeds("mariadb", "-uroot", "-e", "select 1")) {
            return Optional.of("MariaDB does not let root in on its socket (mariadb-server, running)");
        }
        if (!Files.isWritable(CONFIGS)) {
            return Optional.of(CONFIGS + " is not writable (run as root, as CI does)");
        }
        return Optional.empty();
    }

    /** Creates and starts a new site. */
    static WordPressSite start() throws IOException, InterruptedException {
        String name = "mandate_it_" + HexFormat.of().formatHex(bytes(5));
        String dbPassword = HexFormat.of().formatHex(bytes(16));
        int port = freePort();
        Path work = Files.createTempDirectory("mandate-wordpress-");
        Path config = CONFIGS.resolve("config-" + name.replace('_', '-') + ".php");
        Process server = null;
        boolean started = false;
        try {
            run(List.of("mariadb", "-uroot"), """
                    CREATE DATABASE %1$s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                    CREATE USER '%1$s'@'localhost' IDENTIFIED BY '%2$s';
                    GRANT ALL ON %1$s.* TO '%1$s'@'localhost';
                    """.formatted(name, dbPassword), Map.of());
            Path plugins = Files.createDirectories(work.resolve("mu-plugins"));
            copy("mandate-it.php", plugins.resolve("mandate-it.php"));
            for (String script : List.of("router.php", "install.php", "flush.php", "pingback.php")) {
                copy(script, work.resolve(script));
            }
            String home = "http://127.0.0.1:" + port;
            StringBuilder php =
                    new StringBuilder("<?php\n// Mandate's WordPress integration test; removed after the run.\n");
            Map<String, String> constants = new java.util.LinkedHashMap<>();
            constants.put("DB_NAME", name);
            constants.put("DB_USER", name);
            constants.put("DB_PASSWORD", dbPassword);
            constants.put("DB_HOST", "localhost");
            constants.put("DB_CHARSET", "utf8mb4");
            constants.put("WP_HOME", home);
            constants.put("WP_SITEURL", home);
            constants.put("WP_ENVIRONMENT_TYPE", "local");
            constants.put("WPMU_PLUGIN_DIR", plugins.toString());
            for (String salt : List.of(
                    "AUTH_KEY",
                    "SECURE_AUTH_KEY",
                    "LOGGED_IN_KEY",
                    "NONCE_KEY",
                    "AUTH_SALT",
                    "SECURE_AUTH_SALT",
                    "LOGGED_IN_SALT",
                    "NONCE_SALT")) {
                constants.put(salt, HexFormat.of().formatHex(bytes(24)));
            }
            constants.forEach((k, v) ->
                    php.append("define('").append(k).append("', '").append(v).append("');\n"));
            php.append("define('DISABLE_WP_CRON', true);\ndefine('AUTOMATIC_UPDATER_DISABLED', true);\n");
            php.append("define('WP_HTTP_BLOCK_EXTERNAL', true);\ndefine('WP_DEBUG', false);\n");
            Files.writeString(config, php.toString());

            Map<String, String> env = Map.of(
                    "MANDATE_WP_CONFIG",
                    name.replace('_', '-'),
                    "MANDATE_WP_HOST",
                    "127.0.0.1:" + port,
                    "MANDATE_WP_PASSWORD",
                    HexFormat.of().formatHex(bytes(12)),
                    "MANDATE_WP_EMAIL",
                    "juerg@adwyse.example");
            String installed = run(List.of("php", work.resolve("install.php").toString()), "", env);
            JsonNode result =
                    JSON.readTree(installed.strip().lines().reduce((a, b) -> b).orElse("{}"));
            run(List.of("php", work.resolve("flush.php").toString()), "", env);

            ProcessBuilder php_s = new ProcessBuilder(
                            "php",
                            "-S",
                            "127.0.0.1:" + port,
                            "-t",
                            WORDPRESS.toString(),
                            work.resolve("router.php").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("server.log").toFile());
            php_s.environment().put("MANDATE_WP_CONFIG", env.get("MANDATE_WP_CONFIG"));
            php_s.environment().put("PHP_CLI_SERVER_WORKERS", "2");
            server = php_s.start();
            WordPressSite site = new WordPressSite(
                    name,
                    port,
                    work,
                    config,
                    result.path("applicationPassword").asString(),
                    result.path("userId").asLong(),
                    server);
            site.awaitServing();
            started = true;
            return site;
        } finally {
            if (!started) {
                if (server != null) {
                    stop(server);
                }
                cleanUp(name, config, work);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long userId() {
        return userId;
    }

    /** The brand's application password, for a {@link Connection}. */
    Connection.Secret password() {
        return Connection.Secret.of(applicationPassword);
    }

    /** A request to the REST API as the brand's user; fails on anything but success. */
    JsonNode rest(String method, String route, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/wp-json/" + route))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (USER + ":" + applicationPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + route + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return JSON.readTree(response.body());
    }

    /** Publishes a post as the brand; returns its id. */
    long post(String title, String text, Instant published) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", title);
        body.put("content", html(text));
        body.put("status", "publish");
        body.put("date_gmt", published.toString().replace("Z", ""));
        return rest("POST", "wp/v2/posts", body).path("id").asLong();
    }

    /** Writes a comment as the brand's user (in WordPress's admin or through the REST API); returns its id. */
    long brandComment(long post, long parent, String text) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("post", post);
        body.put("parent", parent);
        body.put("content", html(text));
        return rest("POST", "wp/v2/comments", body).path("id").asLong();
    }

    /** Comments as a visitor does, through the form's {@code POST /wp-comments-post.php}; returns its id. */
    long visitorComment(long post, long parent, String author, String email, String text)
            throws IOException, InterruptedException {
        String form = Map.of(
                        "comment_post_ID",
                        Long.toString(post),
                        "comment_parent",
                        Long.toString(parent),
                        "author",
                        author,
                        "email",
                        email,
                        "url",
                        "",
                        "comment",
                        text)
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/wp-comments-post.php"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        Matcher id = Pattern.compile("#comment-(\\d+)$").matcher(location);
        if (response.statusCode() != 302 || !id.find()) {
            throw new IllegalStateException("WordPress did not take the comment: " + response.statusCode() + " "
                    + HtmlText.plain(response.body()).lines().limit(3).toList());
        }
        return Long.parseLong(id.group(1));
    }

    /** Records a pingback from another blog's page (as XML-RPC's pingback.ping does once it checked the link). */
    long pingback(long post, String author, String url, String text) throws IOException, InterruptedException {
        ObjectNode in = JSON.createObjectNode();
        in.put("post", post);
        in.put("author", author);
        in.put("url", url);
        in.put("content", text);
        String out = run(
                List.of("php", work.resolve("pingback.php").toString()),
                JSON.writeValueAsString(in),
                Map.of("MANDATE_WP_CONFIG", name.replace('_', '-'), "MANDATE_WP_HOST", "127.0.0.1:" + port));
        return JSON.readTree(out.strip()).path("id").asLong();
    }

    /** A page as a visitor's browser gets it. */
    String page(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Plain text as the comment form and the editor take it: HTML-escaped, paragraphs by blank lines. */
    static String html(String text) {
        return HtmlText.escape(text);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running this
        }
        stop(server);
        cleanUp(name, config, work);
    }

    /** Stops php -S and its workers (PHP_CLI_SERVER_WORKERS forks them; they outlive their parent otherwise). */
    private static void stop(Process server) {
        List<ProcessHandle> workers = server.descendants().toList();
        workers.forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void awaitServing() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("php -S stopped: " + Files.readString(work.resolve("server.log")));
            }
            try {
                HttpResponse<String> index = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/wp-json/"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (index.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("WordPress did not answer on " + url() + " within 30 s");
    }

    private static void cleanUp(String name, Path config, Path work) {
        try {
            run(
                    List.of("mariadb", "-uroot"),
                    "DROP DATABASE IF EXISTS %1$s;\nDROP USER IF EXISTS '%1$s'@'localhost';\n".formatted(name),
                    Map.of());
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not drop the test database " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(config);
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + config + " or " + work + ": " + e.getMessage());
        }
    }

    /** Runs a command with {@code input}; returns its output; fails with its error output (never its output). */
    private static String run(List<String> command, String input, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path errors = Files.createTempFile("mandate-wordpress-", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            String error = Files.readString(errors);
            Files.deleteIfExists(errors);
            throw new IllegalStateException(command.get(0) + " "
                    + command.subList(1, command.size()).stream()
                            .filter(a -> !a.startsWith("-e"))
                            .toList() + " failed: " + error.strip());
        }
        Files.deleteIfExists(errors);
        return out;
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = WordPressSite.class.getResourceAsStream("/wordpress/" + resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing test resource /wordpress/" + resource));
            }
            Files.copy(in, to);
        }
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
