package dev.mandate.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the database: the configured server, or the embedded one in the data folder. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    DataSource dataSource(StorageProperties properties, @Value("${mandate.command-mode:false}") boolean commandMode) {
        StorageProperties.Database server = properties.database();
        if (server.configured()) {
            return pool(server.url(), server.username(), server.password(), server.maximumPoolSize(), null);
        }
        EmbeddedDatabase embedded;
        try {
            embedded = EmbeddedDatabase.start(properties.dataDir());
        } catch (DataFolderInUse inUse) {
            // An operator command may work on the database of the Mandate that is running on this folder.
            Integer port = commandMode
                    ? EmbeddedDatabase.portOfRunning(properties.dataDir()).orElseThrow(() -> inUse)
                    : null;
            if (port == null) {
                throw inUse;
            }
            return pool(embeddedUrl(port), "postgres", null, 2, null);
        }
        return pool(embeddedUrl(embedded.port()), "postgres", null, server.maximumPoolSize(), embedded);
    }

    private static String embeddedUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static DataSource pool(String url, String username, String password, int size, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mandate");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new Pool(config, embedded);
    }

    /** A connection pool that also stops the embedded database behind it, if there is one. */
    static final class Pool extends HikariDataSource {

        private final EmbeddedDatabase embedded;

        Pool(HikariConfig config, EmbeddedDatabase embedded) {
            super(config);
            this.embedded = embedded;
        }

        @Override
        public void close() {
            super.close();
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
