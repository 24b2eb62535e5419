package dev.mandate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The embedded database in its data folder: data that survives a restart, and one Mandate per folder. */
class EmbeddedDatabaseTests {

    @TempDir
    Path folder;

    @Test
    void keepsDataAcrossAStopAndStartInTheSameFolder() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(folder)) {
            execute(database, "create table kept (note text); insert into kept values ('written before the stop')");
        }
        assertThat(EmbeddedDatabase.portOfRunning(folder))
                .as("port file after the stop")
                .isEmpty();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(folder);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select note from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("written before the stop");
        }
    }

    @Test
    void refusesASecondStartOnAFolderInUseAndKeepsHoldingIt() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(folder)) {
            assertThat(EmbeddedDatabase.portOfRunning(folder)).contains(running.port());

            assertThatThrownBy(() -> EmbeddedDatabase.start(folder))
                    .isInstanceOf(DataFolderInUse.class)
                    .satisfies(e -> assertThat(((DataFolderInUse) e).folder())
                            .isEqualTo(folder.toAbsolutePath().normalize()));

            // The refused start must not have let go of the running database's lock: another process still
            // cannot take the folder.
            assertThat(anotherProcessCanLock(folder.resolve("mandate.lock")))
                    .as("another process can lock the folder of a running database")
                    .isFalse();
            assertThat(EmbeddedDatabase.portOfRunning(folder)).contains(running.port());
        }
        assertThat(anotherProcessCanLock(folder.resolve("mandate.lock")))
                .as("another process can lock the folder once the database stopped")
                .isTrue();
    }

    @Test
    void explainsAFolderInUseAndHowToStartAnyway() {
        Path inUse = folder.resolve("data");
        FailureAnalysis analysis = new DataFolderInUseFailureAnalyzer()
                .analyze(new IllegalStateException("context failed", new DataFolderInUse(inUse)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(inUse.toString());
        assertThat(analysis.getAction()).contains("MANDATE_DATA_DIR");
    }

    private static void execute(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Tries the lock from a separate JVM, as a second Mandate would: locks are held per process. */
    private boolean anotherProcessCanLock(Path lockFile) throws Exception {
        Path probe = Files.writeString(folder.resolve("LockProbe.java"), """
                public class LockProbe {
                    public static void main(String[] args) throws Exception {
                        try (var channel = java.nio.channels.FileChannel.open(
                                java.nio.file.Path.of(args[0]), java.nio.file.StandardOpenOption.WRITE)) {
                            System.exit(channel.tryLock() == null ? 1 : 0);
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, probe.toString(), lockFile.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("lock probe finished")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as("lock probe output: %s", output).isIn(0, 1);
        return process.exitValue() == 0;
    }
}
