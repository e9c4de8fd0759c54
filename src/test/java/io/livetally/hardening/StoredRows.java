package io.livetally.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the database holds, read with SQL: row counts and state counts (to prove that refused input
 * changed nothing) and the rows written since a moment that break a domain rule (docs/API.md).
 */
@ApplicationScoped
public class StoredRows {

    /** Rows by table and state: equal before and after a property whose every input is invalid. */
    private static final String COUNTS = """
            SELECT (SELECT count(*) FROM supplier) AS suppliers,
                   (SELECT count(*) FROM supplier WHERE certified) AS certified_suppliers,
                   (SELECT count(*) FROM supplier WHERE blacklisted) AS blacklisted_suppliers,
                   (SELECT count(*) FROM product) AS products,
                   (SELECT count(*) FROM product WHERE NOT listed) AS delisted_products,
                   (SELECT count(*) FROM streamer) AS streamers,
                   (SELECT count(*) FROM campaign) AS campaigns,
                   (SELECT count(*) FROM live_session) AS sessions,
                   (SELECT count(*) FROM live_session WHERE status = 'LIVE') AS live_sessions,
                   (SELECT count(*) FROM live_session WHERE status = 'ENDED') AS ended_sessions,
                   (SELECT count(*) FROM live_session WHERE status = 'CANCELLED') AS cancelled_sessions,
                   (SELECT count(*) FROM live_session_product) AS session_products,
                   (SELECT count(*) FROM sales_order) AS orders,
                   (SELECT count(*) FROM sales_order WHERE status = 'REFUNDED') AS refunded_orders""";

    private static final String[] TABLES = {"supplier", "product", "streamer", "campaign", "live_session",
        "sales_order"};

    /** Something visible: not only (Unicode) spaces, zero-width characters, direction marks or a BOM. */
    private static final String VISIBLE = "[^[:space:]\\u0085\\u00a0\\u1680\\u2000-\\u200f\\u2028-\\u202f"
            + "\\u205f-\\u2064\\u3000\\ufeff]";

    private final Pool pool;

    public StoredRows(Pool pool) {
        this.pool = pool;
    }

    /** The counts and the highest id of each table at one moment. */
    public record Snapshot(Map<String, Long> counts, Map<String, Long> watermark) {
    }

    public Snapshot snapshot() {
        return new Snapshot(counts(), watermark());
    }

    /** After a property whose every input was invalid: every count as before, and no invalid row. */
    public void assertNothingStoredSince(Snapshot before) {
        assertThat(counts()).as("row and state counts").isEqualTo(before.counts());
        assertValidSince(before);
    }

    /** After a property whose inputs may be valid: what was stored keeps the rules. */
    public void assertValidSince(Snapshot before) {
        assertThat(invalidRowsSince(before.watermark())).as("rows breaking a domain rule").isEmpty();
    }

    public Map<String, Long> counts() {
        Row row = pool.query(COUNTS).execute().await().indefinitely().iterator().next();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            counts.put(row.getColumnName(i), row.getLong(i));
        }
        return counts;
    }

    /** The highest id of each table: rows above it are the ones written since. */
    public Map<String, Long> watermark() {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String table : TABLES) {
            ids.put(table, pool.query("SELECT coalesce(max(id), 0) FROM " + table).execute().await().indefinitely()
                    .iterator().next().getLong(0));
        }
        return ids;
    }

    /** "table id: rule" for each row written since the watermark that breaks a rule. */
    public List<String> invalidRowsSince(Map<String, Long> watermark) {
        List<String> invalid = new ArrayList<>();
        check(invalid, "supplier", watermark, Map.of(
                "name", text("name", 200),
                "householdsBenefited", "households_benefited NOT BETWEEN 0 AND 10000000",
                "blacklistReason", "blacklisted AND blacklist_reason IS NULL OR " + text("blacklist_reason", 500)));
        check(invalid, "product", watermark, Map.of(
                "name", text("name", 200),
                "category", text("category", 100),
                "unitPrice", "NOT (unit_price > 0 AND unit_price <= 9999999999.99)",
                "referencePrice", "reference_price <= 0",
                "delistReason", "NOT listed AND delist_reason IS NULL OR " + text("delist_reason", 500)));
        check(invalid, "streamer", watermark, Map.of(
                "handle", text("handle", 100),
                "displayName", text("display_name", 200),
                "platform", text("platform", 50)));
        check(invalid, "campaign", watermark, Map.of(
                "name", text("name", 200),
                "dates", "starts_on < '2000-01-01' OR ends_on > '2100-12-31' OR ends_on < starts_on",
                "targetAmount", "target_amount <= 0",
                "buyerProvince", "buyer_province !~ '^[1-9][0-9]0000$'"));
        check(invalid, "live_session", watermark, Map.of(
                "title", text("title", 200),
                "scheduledStart", "scheduled_start < '2000-01-01'"
                        + " OR scheduled_start > created_at + interval '731 days'",
                "productIds", "(SELECT count(*) FROM live_session_product p WHERE p.session_id = t.id)"
                        + " NOT BETWEEN 1 AND 50"));
        check(invalid, "sales_order", watermark, Map.of(
                "platform", text("platform", 50),
                "externalId", text("external_id", 200),
                "quantity", "quantity NOT BETWEEN 1 AND 10000",
                "unitPrice", "NOT (unit_price > 0 AND unit_price <= 1000000)",
                "amount", "amount <> quantity * unit_price",
                "placedAt", "placed_at < '2000-01-01' OR placed_at > received_at + interval '60 seconds'",
                "buyerProvince", "buyer_province !~ '^[1-9][0-9]0000$'",
                "buyerRef", text("buyer_ref", 200),
                "sessionId", "(channel = 'LIVESTREAM') <> (session_id IS NOT NULL)"));
        return invalid;
    }

    private void check(List<String> invalid, String table, Map<String, Long> watermark, Map<String, String> rules) {
        rules.forEach((rule, broken) -> pool.query("SELECT t.id FROM " + table + " t WHERE t.id > "
                        + watermark.get(table) + " AND coalesce((" + broken + "), false) ORDER BY t.id LIMIT 5")
                .execute().await().indefinitely()
                .forEach(row -> invalid.add(table + " " + row.getLong(0) + ": " + rule)));
    }

    /** A stored text (when present) must be trimmed, 1..max characters, visible, without control characters. */
    private static String text(String column, int max) {
        return column + " IS NOT NULL AND (char_length(" + column + ") NOT BETWEEN 1 AND " + max
                + " OR " + column + " ~ '^[[:space:]]|[[:space:]]$'"
                + " OR " + column + " ~ '[\\x01-\\x1f\\x7f-\\x9f\\ufffd]'"
                + " OR " + column + " !~ '" + VISIBLE + "')";
    }
}
