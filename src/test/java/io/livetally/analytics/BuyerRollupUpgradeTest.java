package io.livetally.analytics;

import static io.livetally.common.TestJdbc.connect;
import static io.livetally.common.TestJdbc.currentMigrations;
import static io.livetally.common.TestJdbc.releaseMigrations;
import static io.livetally.common.TestJdbc.rows;
import static io.livetally.common.TestJdbc.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.Seeds;
import io.livetally.common.TestJdbc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V10 on a database of the release before it (V1–V6, V9 and that release's R__analytics_functions.sql, kept in
 * src/test/resources/db/release-v9) with orders, refunds and built rollups, some orders and a refund still in the
 * tail: the narrow buyers' rollup is backfilled with exactly what the other rollups hold (every order and refund
 * below the horizon) — equal to a rebuild from the raw orders up to the same horizon and to plain SQL over them —
 * and the aggregator then folds the tail into it like into the others. Seeded (see {@link Seeds}).
 */
@QuarkusTest
class BuyerRollupUpgradeTest {

    private static final String SCHEMA = "upgrade_to_v10";
    private static final String[] TYPES = {"CONSUMER", "BUDGET_UNIT", "PAIRING_UNIT", "EAST_WEST_COOPERATION",
        "ASSISTANCE_GROUP", "ENTERPRISE"};
    private static final String[] PROVINCES = {null, "370000", "500000", "110000"};
    private static final String[] ORIGINS = {"500236001", "500236001001", "500101", "500238", "500236"};
    private static final String BUYER_ROWS = "SELECT region_code, grain, bucket, dimension, value, gmv,"
            + " refunds, order_count, refund_count, items, alert_count FROM rollup_region_buyer";

    @AfterEach
    void dropTheSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void v10BackfillsTheBuyersRollupWithExactlyWhatTheOtherRollupsHold() throws Exception {
        Random random = Seeds.random("BuyerRollupUpgradeTest");
        String seed = Seeds.rerun();
        flyway(release()).migrate();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            sql.execute("INSERT INTO region (code, name, level, parent_code, poverty_focus, path) VALUES"
                    + " ('500236001', '永安镇', 'TOWNSHIP', '500236', false, '/500000/500236/500236001/')");
            sql.execute("INSERT INTO region (code, name, level, parent_code, poverty_focus, path) VALUES"
                    + " ('500236001001', '某村', 'VILLAGE', '500236001', false,"
                    + " '/500000/500236/500236001/500236001001/')");
            sql.execute("INSERT INTO supplier (name, region_code, certified, households_benefited) VALUES"
                    + " ('合作社甲', '500236', true, 3), ('合作社乙', '500101', false, 1)");
            for (String origin : ORIGINS) {
                sql.execute("INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price)"
                        + " SELECT '货 " + origin + " ' || s.id, 'FRUIT', '" + origin + "', s.id, 9.90 FROM supplier s");
            }
            insertOrders(sql, random, 0, 300);
            sql.execute("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now() WHERE id % 7 = 0");
            sql.executeQuery("SELECT analytics_aggregate()").close();   // the first one rebuilds: horizon set
            sql.executeQuery("SELECT analytics_aggregate()").close();
            // after the fold: orders and a refund in the tail (not in any rollup yet)
            insertOrders(sql, random, 300, 40);
            sql.execute("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now() WHERE id IN"
                    + " (SELECT min(id) FROM sales_order WHERE status = 'PAID')");
            assertThat(count(sql, "SELECT count(*) FROM sales_order WHERE xid >= (SELECT horizon FROM analytics_state)"
                    + " OR refund_xid >= (SELECT horizon FROM analytics_state)")).as(seed).isGreaterThan(0);
        }

        flyway(current()).migrate();

        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            assertThat(single(sql, "SELECT buyers_backfill FROM analytics_state")).isEqualTo("f");
            List<String> backfilled = rows(sql, BUYER_ROWS);
            assertThat(backfilled).as(seed).isNotEmpty();
            // plain SQL over the raw orders below the horizon: the municipality's months, by buyer type
            assertThat(rows(sql, "SELECT value, gmv, refunds, order_count, refund_count FROM rollup_region_buyer"
                    + " WHERE region_code = '500000' AND grain = 'M' AND dimension = 'T'"))
                    .as(seed).isEqualTo(rows(sql, "SELECT o.buyer_type,"
                            + " sum(o.amount)::numeric(18, 2) AS gmv,"
                            + " coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'"
                            + "   AND coalesce(o.refund_xid, o.xid) < h.horizon), 0)::numeric(18, 2) AS refunds,"
                            + " count(*) AS order_count,"
                            + " count(*) FILTER (WHERE o.status = 'REFUNDED'"
                            + "   AND coalesce(o.refund_xid, o.xid) < h.horizon) AS refund_count"
                            + " FROM sales_order o CROSS JOIN analytics_state h WHERE o.xid < h.horizon"
                            + " GROUP BY o.buyer_type, date_trunc('month', o.placed_at, 'Asia/Shanghai')"));
            // the backfill is what a rebuild from the raw orders up to the same horizon makes
            sql.executeQuery("SELECT analytics_rebuild(NULL, (SELECT horizon FROM analytics_state))").close();
            assertThat(rows(sql, BUYER_ROWS)).as(seed).isEqualTo(backfilled);
            // and the aggregator folds the tail into it as into the others: a rebuild of everything agrees
            sql.executeQuery("SELECT analytics_aggregate()").close();
            List<String> folded = rows(sql, BUYER_ROWS);
            sql.executeQuery("SELECT analytics_rebuild(NULL, (SELECT horizon FROM analytics_state))").close();
            assertThat(rows(sql, BUYER_ROWS)).as(seed).isEqualTo(folded);
        }
        // A second start finds nothing to do.
        assertThat(flyway(current()).migrate().migrationsExecuted).isZero();
    }

    private static void insertOrders(Statement sql, Random random, int first, int count) throws SQLException {
        Instant base = Instant.parse("2024-01-20T00:00:00Z");
        for (int i = first; i < first + count; i++) {
            String province = PROVINCES[random.nextInt(PROVINCES.length)];
            String origin = ORIGINS[random.nextInt(ORIGINS.length)];
            String channel = random.nextBoolean() ? "SUPERMARKET" : "FAIR";
            int quantity = 1 + random.nextInt(4);
            sql.execute("INSERT INTO sales_order (platform, external_id, channel, product_id, origin_region_code,"
                    + " quantity, unit_price, amount, buyer_province, placed_at, price_alert, buyer_type)"
                    + " SELECT 'test', 'o" + i + "', '" + channel + "', p.id, p.origin_region_code, " + quantity
                    + ", 9.90, " + quantity + " * 9.90, " + (province == null ? "NULL" : "'" + province + "'")
                    + ", '" + base.plusSeconds(random.nextInt(70 * 86_400)) + "', " + (random.nextInt(9) == 0)
                    + ", '" + TYPES[random.nextInt(TYPES.length)] + "'"
                    + " FROM product p WHERE p.origin_region_code = '" + origin + "'"
                    + " ORDER BY p.id LIMIT 1 OFFSET " + random.nextInt(2));
        }
    }

    /** The release before V10: V1–V6, V9 and its R__analytics_functions.sql. */
    private static Path release() throws IOException {
        return releaseMigrations("release-v9", List.of("V1__schema.sql", "V2__regions.sql", "V3__analytics_rollups.sql",
                "V4__analytics_tail.sql", "V5__live_stats.sql", "V6__campaign_unique.sql", "V9__official_reports.sql",
                "beforeValidate__renumbered_history.sql"));
    }

    private static Path current() throws IOException {
        return currentMigrations();
    }

    private static Flyway flyway(Path root) {
        return TestJdbc.flyway(root, SCHEMA);
    }

    private static long count(Statement sql, String query) throws SQLException {
        return Long.parseLong(single(sql, query));
    }
}
