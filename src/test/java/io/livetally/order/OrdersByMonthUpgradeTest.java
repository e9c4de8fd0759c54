package io.livetally.order;

import static io.livetally.common.TestJdbc.connect;
import static io.livetally.common.TestJdbc.currentMigrations;
import static io.livetally.common.TestJdbc.releaseMigrations;
import static io.livetally.common.TestJdbc.rows;
import static io.livetally.common.TestJdbc.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.Seeds;
import io.livetally.common.TestJdbc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V13 on a database of the release before it (V1–V6, V9–V12 and that release's R__analytics_functions.sql, kept
 * in src/test/resources/db/release-v12) with orders over fourteen months, refunds, a price alert, built rollups and
 * a tail not folded yet: the partitioned table holds every row as it was (id, xid and refund_xid included), each in
 * its month's partition, every key is in order_key, the rollups and the horizon are untouched and still what a
 * rebuild from the raw orders makes, the tail folds as before, and the keys stay unique. Seeded (see {@link Seeds}).
 * The same run shows V15 on a built database: the narrow buyers' rollup holds the release's rows summed over the
 * channel, which is also what a rebuild makes.
 */
@QuarkusTest
class OrdersByMonthUpgradeTest {

    private static final String SCHEMA = "upgrade_to_v13";
    private static final String[] ROLLUPS = {"rollup_region", "rollup_region_province", "rollup_region_buyer",
        "rollup_streamer", "rollup_product"};
    private static final String MEASURES = "gmv, refunds, order_count, refund_count, items, alert_count";
    /**
     * The narrow buyers' rollup of the release (by channel) summed over the channel: what it holds since V15, which
     * converts it so; every other rollup is compared row for row.
     */
    private static final String BUYERS_BEFORE = "SELECT region_code, grain, bucket, dimension, value,"
            + " sum(gmv)::numeric(18, 2), sum(refunds)::numeric(18, 2), sum(order_count)::bigint,"
            + " sum(refund_count)::bigint, sum(items)::bigint, sum(alert_count)::bigint FROM rollup_region_buyer"
            + " GROUP BY region_code, grain, bucket, dimension, value";
    private static final String BUYERS_AFTER = "SELECT region_code, grain, bucket, dimension, value, " + MEASURES
            + " FROM rollup_region_buyer";
    private static final String[] ORIGINS = {"500236", "500101", "500238"};

    @AfterEach
    void dropTheSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void v13KeepsEveryOrderAndEveryFigure() throws Exception {
        Random random = Seeds.random("OrdersByMonthUpgradeTest");
        String seed = Seeds.rerun();
        flyway(release()).migrate();
        List<String> orders;
        List<List<String>> rollups = new ArrayList<>();
        String horizon;
        String alerts;
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            sql.execute("INSERT INTO supplier (name, region_code, certified, households_benefited) VALUES"
                    + " ('合作社甲', '500236', true, 3), ('合作社乙', '500101', false, 1)");
            for (String origin : ORIGINS) {
                sql.execute("INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price,"
                        + " reference_price) SELECT '货 " + origin + " ' || s.id, 'FRUIT', '" + origin + "', s.id,"
                        + " 9.90, 9.90 FROM supplier s");
            }
            insertOrders(sql, random, 0, 400);
            sql.execute("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now() WHERE id % 7 = 0");
            sql.execute("INSERT INTO alert (kind, subject, window_key, order_id, message)"
                    + " SELECT 'PRICE_GOUGING', 'p' || product_id, 'w' || id, id, 'test' FROM sales_order"
                    + " WHERE price_alert ORDER BY id LIMIT 3");
            sql.executeQuery("SELECT analytics_aggregate()").close();   // the first one rebuilds: horizon set
            sql.executeQuery("SELECT analytics_aggregate()").close();
            // the tail: orders and a refund not folded yet
            insertOrders(sql, random, 400, 40);
            sql.execute("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now() WHERE id IN"
                    + " (SELECT min(id) FROM sales_order WHERE status = 'PAID')");
            assertThat(single(sql, "SELECT count(*) FROM sales_order WHERE xid >= (SELECT horizon FROM analytics_state)"
                    + " OR refund_xid >= (SELECT horizon FROM analytics_state)")).as(seed).isNotEqualTo("0");
            orders = rows(sql, "SELECT * FROM sales_order");
            for (String rollup : ROLLUPS) {
                rollups.add(rows(sql, rollup.equals("rollup_region_buyer") ? BUYERS_BEFORE : "SELECT * FROM " + rollup));
            }
            horizon = single(sql, "SELECT horizon FROM analytics_state");
            alerts = String.join("\n", rows(sql, "SELECT kind, subject, order_id FROM alert"));
        }

        flyway(current()).migrate();

        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            assertThat(single(sql, "SELECT relkind FROM pg_class WHERE oid = 'sales_order'::regclass")).isEqualTo("p");
            // every row, every column, as it was
            assertThat(rows(sql, "SELECT * FROM sales_order")).as(seed).hasSize(440).isEqualTo(orders);
            // each in its month's partition, none in the default one
            assertThat(single(sql, "SELECT count(*) FROM sales_order_default")).isEqualTo("0");
            assertThat(single(sql, "SELECT count(*) FROM sales_order WHERE tableoid::regclass::text"
                    + " <> 'sales_order_' || to_char(placed_at AT TIME ZONE 'UTC', 'YYYY_MM')")).isEqualTo("0");
            assertThat(Integer.parseInt(single(sql, "SELECT count(DISTINCT tableoid) FROM sales_order")))
                    .as(seed).isGreaterThanOrEqualTo(12);
            // every key, pointing at its order
            assertThat(rows(sql, "SELECT platform, external_id, order_id, placed_at FROM order_key"))
                    .isEqualTo(rows(sql, "SELECT platform, external_id, id, placed_at FROM sales_order"));
            assertThat(rows(sql, "SELECT kind, subject, order_id FROM alert")).isEqualTo(List.of(alerts.split("\n")));
            // the rollups and the horizon untouched: nothing folded again, nothing lost
            assertThat(single(sql, "SELECT horizon FROM analytics_state")).isEqualTo(horizon);
            for (int i = 0; i < ROLLUPS.length; i++) {
                assertThat(rows(sql, after(ROLLUPS[i]))).as(seed + " " + ROLLUPS[i]).isEqualTo(rollups.get(i));
            }
            // and what a rebuild from the partitioned raw orders up to the same horizon makes
            sql.executeQuery("SELECT analytics_rebuild(NULL, (SELECT horizon FROM analytics_state))").close();
            for (int i = 0; i < ROLLUPS.length; i++) {
                assertThat(rows(sql, after(ROLLUPS[i]))).as(seed + " rebuilt " + ROLLUPS[i])
                        .isEqualTo(rollups.get(i));
            }
            // the tail folds as on the old table: a rebuild of everything agrees
            sql.executeQuery("SELECT analytics_aggregate()").close();
            List<String> folded = rows(sql, "SELECT * FROM rollup_region");
            sql.executeQuery("SELECT analytics_rebuild(NULL, (SELECT horizon FROM analytics_state))").close();
            assertThat(rows(sql, "SELECT * FROM rollup_region")).as(seed).isEqualTo(folded);
            // new orders take ids after the old ones; a stored key stays unique, whatever the month
            long maxId = Long.parseLong(single(sql, "SELECT max(id) FROM sales_order"));
            insertOrders(sql, random, 1000, 1);
            assertThat(Long.parseLong(single(sql, "SELECT id FROM sales_order WHERE external_id = 'o1000'")))
                    .isGreaterThan(maxId);
            assertThatThrownBy(() -> sql.execute("INSERT INTO sales_order (platform, external_id, channel,"
                    + " product_id, origin_region_code, quantity, unit_price, amount, placed_at, price_alert)"
                    + " SELECT platform, external_id, channel, product_id, origin_region_code, quantity, unit_price,"
                    + " amount, placed_at + interval '3 months', price_alert FROM sales_order WHERE external_id = 'o1'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("stored already");
            // the triggers moved with the table: orders are facts; certified is stated when left out
            assertThatThrownBy(() -> sql.execute("UPDATE sales_order SET amount = amount + 1 WHERE external_id = 'o2'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("recorded fact");
            assertThat(single(sql, "SELECT certified FROM sales_order WHERE external_id = 'o1000'")).isNotNull();
        }
        // A second start finds nothing to do.
        assertThat(flyway(current()).migrate().migrationsExecuted).isZero();
    }

    /** Orders over fourteen months from January 2024, some price-flagged (unit price above the reference). */
    /** A rollup's rows as the release's are compared with them (see {@link #BUYERS_BEFORE}). */
    private static String after(String rollup) {
        return rollup.equals("rollup_region_buyer") ? BUYERS_AFTER : "SELECT * FROM " + rollup;
    }

    private static void insertOrders(Statement sql, Random random, int first, int count) throws SQLException {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = first; i < first + count; i++) {
            String origin = ORIGINS[random.nextInt(ORIGINS.length)];
            int quantity = 1 + random.nextInt(4);
            boolean alert = random.nextInt(9) == 0;
            String price = alert ? "19.90" : "9.90";
            sql.execute("INSERT INTO sales_order (platform, external_id, channel, product_id, origin_region_code,"
                    + " quantity, unit_price, amount, buyer_province, placed_at, price_alert)"
                    + " SELECT 'test', 'o" + i + "', '" + (random.nextBoolean() ? "SUPERMARKET" : "FAIR") + "', p.id,"
                    + " p.origin_region_code, " + quantity + ", " + price + ", " + quantity + " * " + price
                    + ", '370000', '" + base.plusSeconds(random.nextInt(425 * 86_400)) + "', " + alert
                    + " FROM product p WHERE p.origin_region_code = '" + origin + "'"
                    + " ORDER BY p.id LIMIT 1 OFFSET " + random.nextInt(2));
        }
    }

    /** The release before V13: V1–V6, V9–V12 and its R__analytics_functions.sql. */
    private static Path release() throws IOException {
        return releaseMigrations("release-v12", List.of("V1__schema.sql", "V2__regions.sql", "V3__analytics_rollups.sql",
                "V4__analytics_tail.sql", "V5__live_stats.sql", "V6__campaign_unique.sql", "V9__official_reports.sql",
                "V10__buyer_rollups.sql", "V11__alerts.sql", "V12__insight_snapshot.sql",
                "beforeValidate__renumbered_history.sql"));
    }

    private static Path current() throws IOException {
        return currentMigrations();
    }

    private static Flyway flyway(Path root) {
        return TestJdbc.flyway(root, SCHEMA);
    }
}
