package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The service's pool prepares its long statements once per connection: the analytics statements are longer than
 * Vert.x's default limit of the statement cache (2,048 characters) and were parsed and planned on every request.
 */
@QuarkusTest
class StatementCacheTest {

    @Inject
    Pool pool;

    @Inject
    ReadReplica reads;

    @Test
    void analyticsStatementsKeepOneGenericPlanAndTheRestArePlannedForTheirValues() {
        assertThat(setting(reads.forAnalytics())).as("analytics pool").isEqualTo("force_generic_plan");
        assertThat(setting(pool)).as("the service's pool").isEqualTo("auto");
    }

    private static String setting(Pool through) {
        return through.query("SHOW plan_cache_mode").execute().map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void theAnalyticsStatementsAreLongerThanVertxCachesByDefault() {
        for (String file : List.of("analytics/slices.sql", "analytics/ranking.sql", "analytics/entity_totals.sql")) {
            assertThat(SqlFiles.read(file).sql().length()).as(file).isGreaterThanOrEqualTo(2_048)
                    .isLessThan(StatementCache.SQL_LIMIT);
        }
    }

    @Test
    void aStatementOfNineKilobytesIsPreparedOnceAndKeptOnItsConnection() {
        // the length of analytics/slices.sql, its value a parameter as in every statement of the service
        String marker = "statement-cache-" + System.nanoTime();
        String sql = "SELECT $1::int + 1 AS answer, '" + marker + "' AS marker /*" + "x".repeat(9_000) + "*/";
        List<String> prepared = pool.withConnection(connection -> connection.preparedQuery(sql).execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of(2)))
                        .invoke(rows -> assertThat(rows.iterator().next().getInteger("answer")).isEqualTo(3))
                        .chain(() -> connection.query("SELECT statement FROM pg_prepared_statements").execute()))
                .map(rows -> {
                    List<String> statements = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        statements.add(row.getString("statement"));
                    }
                    return statements;
                })
                .await().atMost(Duration.ofSeconds(30));
        assertThat(prepared).as("statements prepared on the connection").filteredOn(s -> s.contains(marker))
                .hasSize(1);
    }
}
