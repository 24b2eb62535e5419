package dev.mandate.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data lives.
 *
 * @param dataDir the folder holding the embedded database and other local state ({@code MANDATE_DATA_DIR})
 * @param database a PostgreSQL server to use instead of the embedded one
 */
@Validated
@ConfigurationProperties("mandate")
record StorageProperties(
        @DefaultValue("./mandate-data") Path dataDir,
        @DefaultValue Database database) {

    /**
     * A PostgreSQL server; when {@code url} is blank, the embedded database is used.
     *
     * @param url JDBC URL ({@code MANDATE_DATABASE_URL})
     * @param username user ({@code MANDATE_DATABASE_USERNAME})
     * @param password password ({@code MANDATE_DATABASE_PASSWORD})
     * @param maximumPoolSize connections kept open to the server
     */
    record Database(
            String url,
            String username,
            String password,
            @DefaultValue("10") int maximumPoolSize) {

        boolean configured() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=***]";
        }
    }
}
