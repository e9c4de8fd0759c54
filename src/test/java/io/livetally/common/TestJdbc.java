package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

/** Plain JDBC to the test database (the migration upgrade tests, which work below Flyway and the reactive pool). */
public final class TestJdbc {

    private TestJdbc() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** The first column of the query's one row, as text. */
    public static String single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    /** Every row of the query as its text, sorted: two states of the same rows compare equal. */
    public static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery("SELECT row(t.*)::text FROM (" + query + ") t ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /**
     * A shipped release's migrations in a folder of their own (its root, for {@link #flyway}): the named files as
     * they are now (a shipped migration never changes) and the release's own R__analytics_functions.sql, kept under
     * test resources as it shipped.
     */
    public static Path releaseMigrations(String release, List<String> names) throws IOException {
        Path folder = Files.createDirectories(Files.createTempDirectory("livetally-" + release + "-").resolve("db/migration"));
        for (String name : names) {
            Files.copy(MIGRATIONS.resolve(name), folder.resolve(name));
        }
        try (InputStream functions = TestJdbc.class.getResourceAsStream("/db/" + release + "/R__analytics_functions.sql")) {
            Files.copy(functions, folder.resolve("R__analytics_functions.sql"));
        }
        return folder.getParent().getParent();
    }

    /** Every current migration in a folder of their own (its root, for {@link #flyway}). */
    public static Path currentMigrations() throws IOException {
        Path folder = Files.createDirectories(Files.createTempDirectory("livetally-current-").resolve("db/migration"));
        try (var files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder.getParent().getParent();
    }

    /** Flyway on the test database, in one schema, with the migrations under the root's db/migration. */
    public static Flyway flyway(Path root, String schema) {
        return Flyway.configure().dataSource(url(), user(), password()).schemas(schema).defaultSchema(schema)
                .locations("filesystem:" + root.resolve("db/migration")).load();
    }

    public static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    public static String user() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    public static String password() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
    }
}
