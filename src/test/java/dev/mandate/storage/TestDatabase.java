package dev.mandate.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.boot.SpringApplication;

/**
 * The database of a test run, started once per JVM: an embedded PostgreSQL by default, or a fresh database
 * on the server that {@code MANDATE_TEST_DATABASE_URL} points at (dropped again when the run ends).
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String server = System.getenv("MANDATE_TEST_DATABASE_URL");
            instance = server == null || server.isBlank() ? embedded() : onServer(server);
        }
        return instance;
    }

    private static TestDatabase embedded() {
        try {
            // Stopped by our own handler below, after the contexts that use it, not by a JVM hook racing them.
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            afterAllContextsClosed(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            });
            return new TestDatabase(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestDatabase onServer(String serverUrl) {
        String username = System.getenv().getOrDefault("MANDATE_TEST_DATABASE_USERNAME", "postgres");
        String password = System.getenv("MANDATE_TEST_DATABASE_PASSWORD");
        String database = "mandate_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(serverUrl, username, password, "create database " + database);
        // Dropped once the last context has closed: dropping it from a JVM shutdown hook raced the contexts closing
        // (their pools and background workers still on it), and the test JVM outlived its exit by 30 s.
        afterAllContextsClosed(
                () -> execute(serverUrl, username, password, "drop database if exists " + database + " with (force)"));
        String url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        return new TestDatabase(url, username, password);
    }

    private static void execute(String url, String username, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test database on " + url + ": " + e.getMessage(), e);
        }
    }

    // The application contexts still use the database while they close at JVM exit; Boot's shutdown
    // handlers run after the last of them has closed.
    private static void afterAllContextsClosed(Runnable action) {
        SpringApplication.getShutdownHandlers().add(action);
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A plain connection to the test database, for tests that must go around the application. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
