/**
 * Where Mandate keeps its data: an embedded PostgreSQL in the data folder by default, or a PostgreSQL server
 * when {@code MANDATE_DATABASE_URL} is set. It provides the {@link javax.sql.DataSource} every other module
 * uses through Flyway, Spring Data JDBC and {@code JdbcClient}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.mandate.storage;
