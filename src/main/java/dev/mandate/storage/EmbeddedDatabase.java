package dev.mandate.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries on the class path, keeping its files in the data folder so
 * that they survive restarts. The data folder is locked while it runs: a second Mandate on the same folder
 * fails fast with {@link DataFolderInUse}, and an operator command finds the running server's port instead.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The data folders this JVM holds. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path portFile;

    private EmbeddedDatabase(
            Path folder, EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path portFile) {
        this.folder = folder;
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.portFile = portFile;
    }

    /** Starts the database in {@code dataFolder}, or throws {@link DataFolderInUse} if another Mandate holds it. */
    static EmbeddedDatabase start(Path dataFolder) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        // The lock is a POSIX record lock, which belongs to the process: closing any other channel on the lock
        // file would release it. So a folder this JVM holds is refused before the lock file is opened again.
        if (!HELD_HERE.add(folder)) {
            throw new DataFolderInUse(folder);
        }
        try {
            return startHeld(folder);
        } catch (RuntimeException e) {
            HELD_HERE.remove(folder);
            throw e;
        }
    }

    private static EmbeddedDatabase startHeld(Path folder) {
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(
                    folder.resolve("mandate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataFolderInUse(folder);
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(folder.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    // Stopped when the connection pool closes, after everything that uses it, not by a JVM
                    // hook that would race the graceful shutdown.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .start();
            Path portFile = folder.resolve("postgres.port");
            Files.writeString(portFile, Integer.toString(postgres.getPort()), StandardCharsets.US_ASCII);
            log.info(
                    "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                    postgres.getPort(),
                    folder.resolve("postgres"),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedDatabase(folder, postgres, channel, lock, portFile);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + folder, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The port of the embedded database that another, running Mandate started in {@code dataFolder}. */
    static Optional<Integer> portOfRunning(Path dataFolder) {
        Path portFile = dataFolder.toAbsolutePath().normalize().resolve("postgres.port");
        try {
            return Files.isRegularFile(portFile)
                    ? Optional.of(Integer.parseInt(Files.readString(portFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            Files.deleteIfExists(portFile);
            try {
                lock.release();
                lockChannel.close();
            } finally {
                HELD_HERE.remove(folder);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
