package io.livetally.common;

import static io.livetally.common.TestJdbc.connect;
import static io.livetally.common.TestJdbc.password;
import static io.livetally.common.TestJdbc.single;
import static io.livetally.common.TestJdbc.url;
import static io.livetally.common.TestJdbc.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A database migrated by the release before the migrations were renumbered (main at db5ba1f: V1–V4 and
 * V10) upgrades to today's sequence with its data intact: the history is realigned by the
 * {@code beforeValidate} callback, nothing is applied twice, and the migrations after it apply.
 */
@QuarkusTest
class MigrationUpgradeTest {

    private static final String SCHEMA = "upgrade_from_db5ba1f";
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** What that release recorded for each file (flyway_schema_history of a database it migrated). */
    private static final Map<String, Integer> RELEASE_CHECKSUMS = Map.of(
            "V1__schema.sql", -1186305729, "V2__regions.sql", 719127976, "V3__analytics_rollups.sql", -1447253101,
            "V4__analytics_tail.sql", -371056458, "V10__live_stats.sql", -900856400);

    @AfterEach
    void dropTheSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void aDatabaseOfThePreviousReleaseUpgradesWithItsData() throws Exception {
        Path release = releaseMigrations();
        Path current = currentMigrations();
        flyway("filesystem:" + release).migrate();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            assertThat(history(sql)).extracting(row -> row.get(0)).containsExactly("1", "2", "3", "4", "10");
            for (List<String> row : history(sql)) {
                assertThat(Integer.valueOf(row.get(2))).as(row.get(1))
                        .isEqualTo(RELEASE_CHECKSUMS.get(Path.of(row.get(1)).getFileName().toString()));
            }
            sql.execute("INSERT INTO supplier (name, region_code, certified, households_benefited) VALUES ('巫溪合作社', '500238', true, 12)");
            // The same campaign entered twice, as the release allowed: both survive V6's unique index.
            for (int i = 0; i < 2; i++) {
                sql.execute("INSERT INTO campaign (name, origin_region_code, buyer_province, starts_on, ends_on, target_amount)"
                        + " VALUES ('渝货进山东', '500000', '370000', '2020-01-01', '2020-12-31', 260000000.00)");
            }
        }

        flyway("filesystem:" + current).migrate();

        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            List<List<String>> history = history(sql);
            assertThat(history).extracting(row -> row.get(0)).startsWith("1", "2", "3", "4", "5", "6");
            // the release's version 10 (live stats) became 5; today's V10 is another migration, applied after it
            assertThat(history).extracting(row -> row.get(1)).doesNotContain("db/migration/V10__live_stats.sql");
            assertThat(history).filteredOn(row -> "10".equals(row.get(0))).singleElement()
                    .satisfies(row -> assertThat(row.get(1)).isEqualTo("db/migration/V10__buyer_rollups.sql"));
            assertThat(history).filteredOn(row -> "5".equals(row.get(0))).singleElement()
                    .satisfies(row -> assertThat(row.get(1)).isEqualTo("db/migration/V5__live_stats.sql"));
            assertThat(single(sql, "SELECT households_benefited FROM supplier WHERE name = '巫溪合作社'")).isEqualTo("12");
            assertThat(single(sql, "SELECT count(*) FROM campaign WHERE name LIKE '渝货进山东%' AND target_amount = 260000000.00"))
                    .isEqualTo("2");
            assertThat(single(sql, "SELECT count(*) FROM campaign WHERE name = '渝货进山东'")).isEqualTo("1");
            assertThat(single(sql, "SELECT count(*) FROM region WHERE code = '500236'")).isEqualTo("1");
        }
        // A second start finds nothing to do and nothing to realign.
        assertThat(flyway("filesystem:" + current).migrate().migrationsExecuted).isZero();
    }

    /** The release's files: today's V1–V5 hold the same bytes, V5 under its old name (the checksums prove it). */
    private static Path releaseMigrations() throws IOException {
        Path root = Files.createTempDirectory("livetally-release-");
        Path folder = Files.createDirectories(root.resolve("db/migration"));
        for (String name : List.of("V1__schema.sql", "V2__regions.sql", "V3__analytics_rollups.sql", "V4__analytics_tail.sql")) {
            Files.copy(MIGRATIONS.resolve(name), folder.resolve(name));
        }
        Files.copy(MIGRATIONS.resolve("V5__live_stats.sql"), folder.resolve("V10__live_stats.sql"));
        return root;
    }

    /** Today's migrations as the service finds them (db/migration, without the dev profile's demo data). */
    private static Path currentMigrations() throws IOException {
        Path root = Files.createTempDirectory("livetally-current-");
        Path folder = Files.createDirectories(root.resolve("db/migration"));
        try (var files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return root;
    }

    private static Flyway flyway(String location) {
        return Flyway.configure().dataSource(url(), user(), password()).schemas(SCHEMA).defaultSchema(SCHEMA)
                .locations(location).load();
    }

    private static List<List<String>> history(Statement sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(
                "SELECT version, script, checksum FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(List.of(result.getString(1), result.getString(2), String.valueOf(result.getObject(3))));
            }
        }
        return rows;
    }
}
