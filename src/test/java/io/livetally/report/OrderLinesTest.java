package io.livetally.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.Tree;
import io.livetally.order.OrderExport;
import io.livetally.order.OrderFilter;
import io.livetally.security.Role;
import io.livetally.security.Scope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.Row;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The orders' CSV lines PostgreSQL writes ({@link OrderLines}) are byte for byte the lines the typed cells write
 * through {@link CsvTable} (OrdersReport's row): on orders with every awkward value a field can hold — commas,
 * quotes, CR and LF in any text field (the region's code included), empty and null text, 1–4-byte characters,
 * instants to the microsecond at any time of day, refunds up to 90 days later, every channel and buyer type — in a
 * region zone, in fixed-offset zones (east and west of Greenwich) and in a zone that changes its offset, with and
 * without the buyer's reference, across statement boundaries; and their totals are the same.
 */
@QuarkusTest
class OrderLinesTest {

    private static final String[] TEXTS = {"plain", "a,b", "say \"hi\"", "\"", "two\nlines", "cr\rhere", "crlf\r\n",
        "", "苹果", "🍎 苹果，五斤", "back\\slash", "tab\there", " padded ", "x".repeat(300), "\"a\",\"b\"", ","};
    private static final String[] CHANNELS = {"LIVESTREAM", "ONLINE_PLATFORM", "SMART_CABINET", "SUPERMARKET", "FAIR"};
    private static final String[] BUYERS = {"CONSUMER", "BUDGET_UNIT", "PAIRING_UNIT", "EAST_WEST_COOPERATION",
        "ASSISTANCE_GROUP", "ENTERPRISE"};

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    OrderExport export;

    /** {@code count} orders of the tree (and of an extra village whose code needs quoting), awkward in every field. */
    private void insert(Tree tree, int count, Random random) {
        String town = tree.townships().get(0);
        String odd = "q,\"" + random.nextInt(1000);
        TestData.await(pool.preparedQuery("INSERT INTO region (code, name, level, parent_code, path)"
                + " SELECT $1, '怪', 'VILLAGE', code, path || $1 || '/' FROM region WHERE code = $2")
                .execute(Tuple.of(odd, town)));
        List<String> regions = new ArrayList<>(tree.all());
        regions.add(odd);
        long supplier = data.insertSupplier(tree.district(), true, false, 3);
        long host = data.insertStreamer(tree.district());
        long session = data.insertEndedSession(host, tree.district());
        List<Long> products = new ArrayList<>();
        for (String name : TEXTS) {
            // the first product from the village whose code needs quoting (the last assertion reads it back)
            String region = products.isEmpty() ? odd : regions.get(random.nextInt(regions.size()));
            products.add(TestData.await(pool.preparedQuery("INSERT INTO product (name, category, origin_region_code,"
                    + " supplier_id, unit_price, reference_price, listed) VALUES ($1, '水果', $2, $3, 9.99, 9.99, true)"
                    + " RETURNING id").execute(Tuple.of(name, region, supplier))).iterator().next().getLong(0));
        }
        for (int i = 0; i < count; i++) {
            int p = random.nextInt(products.size());
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            boolean live = channel.equals("LIVESTREAM");
            // March and April 2024 (months other tests use: no partition made for this test; Paris changes its
            // offset on 31 March), to the microsecond; a tenth on a whole second, some at midnight local time
            long micros = (Instant.parse("2024-03-01T00:00:00Z").getEpochSecond()
                    + (long) (random.nextDouble() * 61 * 86_400)) * 1_000_000L;
            if (random.nextInt(10) != 0) {
                micros += random.nextInt(1_000_000);
            }
            if (random.nextInt(20) == 0) {
                micros -= Math.floorMod(micros + 8 * 3_600_000_000L, 86_400_000_000L);
            }
            Instant placed = Instant.EPOCH.plusNanos(micros * 1000);
            boolean refunded = random.nextInt(4) == 0;
            int quantity = 1 + random.nextInt(20);
            int cents = 1 + random.nextInt(9_999_999);
            String price = cents / 100 + "." + String.format("%02d", cents % 100);
            String province = TEXTS[random.nextInt(TEXTS.length)];
            TestData.await(pool.preparedQuery("INSERT INTO sales_order (platform, external_id, channel, session_id,"
                    + " streamer_id, product_id, origin_region_code, quantity, unit_price, amount, buyer_province,"
                    + " buyer_ref, status, placed_at, refunded_at, price_alert, buyer_type, certified)"
                    + " SELECT $1, $2, $3, $4, $5, id, origin_region_code, $6, $7::numeric, $7::numeric * $6, $8, $9,"
                    + " $10, $11, $12, $13, $14, $15 FROM product WHERE id = $16")
                    .execute(Tuple.from(java.util.Arrays.asList(TEXTS[random.nextInt(TEXTS.length)],
                            data.unique(TEXTS[random.nextInt(TEXTS.length)]), channel, live ? session : null,
                            live || random.nextBoolean() ? host : null, quantity, price,
                            random.nextInt(3) == 0 ? null : province.substring(0, Math.min(6, province.length())),
                            random.nextInt(3) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)],
                            refunded ? "REFUNDED" : "PAID", placed.atOffset(ZoneOffset.UTC),
                            refunded ? placed.plusNanos(random.nextInt(1_000_000_000) * 1000L).plusSeconds(
                                    random.nextInt(90 * 86_400)).atOffset(ZoneOffset.UTC) : null,
                            random.nextBoolean(), BUYERS[random.nextInt(BUYERS.length)], random.nextBoolean(),
                            products.get(p)))));
        }
    }

    private record Written(byte[] file, long[] sums) {
    }

    /** The file as the typed cells write it (every order's row through CsvTable's cells). */
    private Written cells(Scope scope, OrderFilter filter, int size, ZoneId zone, boolean buyerRefs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] sums = new long[5];
        try (CsvTable table = new CsvTable(out, zone)) {
            export.rows(scope, filter, size, rows -> {
                for (Row r : rows) {
                    OrdersReport.order(table.cells(), r, buyerRefs, sums);
                }
            });
        }
        return new Written(out.toByteArray(), sums);
    }

    /** Statements the export ran to read lines again (checked and quoted by PostgreSQL), and the orders they read. */
    private final int[] lookups = new int[2];

    /** The file as PostgreSQL's lines make it (plain lines checked by the service, the others read again). */
    private Written lines(Scope scope, OrderFilter filter, int size, ZoneId zone, boolean buyerRefs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] sums = new long[5];
        try (CsvTable table = new CsvTable(out, zone)) {
            export.rows(scope, filter, size, OrderLines.selection(zone, buyerRefs), (rows, lookup) ->
                    OrderLines.write(rows, (sql, parameters) -> {
                        io.vertx.sqlclient.RowSet<Row> read = lookup.query(sql, parameters);
                        lookups[0]++;
                        lookups[1] += read.size();
                        return read;
                    }, table, sums, zone, buyerRefs));
        }
        return new Written(out.toByteArray(), sums);
    }

    @Test
    void postgresqlsLinesAreTheCellsByteForByte() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        Tree tree = data.tree(2, 2);
        insert(tree, 400, random);
        OrderFilter filter = new OrderFilter(null, null, tree.district(), null, null, null, null, null);
        Scope official = new Scope(Role.OFFICIAL, tree.district(), null, null);
        for (ZoneId zone : List.of(ZoneId.of("Asia/Shanghai"), ZoneOffset.ofHours(8),
                ZoneOffset.ofHoursMinutes(-3, -30), ZoneId.of("Europe/Paris"))) {
            for (boolean buyerRefs : new boolean[] {true, false}) {
                // statements of 37 rows: the walk crosses many statement boundaries on the lines' own keyset columns
                Written cells = cells(official, filter, 37, zone, buyerRefs);
                lookups[0] = 0;
                lookups[1] = 0;
                Written lines = lines(official, filter, 37, zone, buyerRefs);
                // both ways taken: most lines copied as PostgreSQL wrote them, the ones that need quoting read again
                // (at most one statement per batch)
                assertThat(lookups[0]).as("statements reading lines again").isBetween(1, 11);
                assertThat(lookups[1]).as("orders read again").isBetween(1, 399);
                String as = "seed " + seed + ", " + zone + ", buyer refs " + buyerRefs;
                assertThat(cells.sums()[0]).as(as).isEqualTo(400);
                assertThat(new String(lines.file(), StandardCharsets.UTF_8)).as(as)
                        .isEqualTo(new String(cells.file(), StandardCharsets.UTF_8));
                assertThat(lines.file()).as(as).isEqualTo(cells.file());
                assertThat(lines.sums()).as(as).isEqualTo(cells.sums());
            }
        }
        // and the text survives a real CSV parser: every product name as stored, the odd region's code too
        byte[] file = lines(Scope.ALL, filter, 1000, ZoneId.of("Asia/Shanghai"), true).file();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(
                new String(file, 3, file.length - 3, StandardCharsets.UTF_8)))) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(400);
            List<String> names = new ArrayList<>();
            records.forEach(record -> names.add(record.get(7)));
            assertThat(names).isSubsetOf(TEXTS);
            assertThat(records).allMatch(record -> record.size() == 20);
            assertThat(records).anyMatch(record -> record.get(8).startsWith("q,\""));
        }
    }
}
