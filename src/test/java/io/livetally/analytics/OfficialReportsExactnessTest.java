package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.analytics.RandomPeriods.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.analytics.SalesOracle.Expected;
import io.livetally.analytics.SalesOracle.Filter;
import io.livetally.common.Seeds;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Property: the official reports' figures — the certified share, by buyer type, by buyer province, the
 * poverty-focus group and the comparisons with the previous period and a year ago — equal the plain SQL over the
 * raw orders, for random orders of random buyers (two windows a year apart), refunds, suppliers whose certification
 * changes between rounds (orders keep the certification they were sold with), poverty-focus regions nested in the
 * tree, and periods to the second; growth equals the hand computation. Seeded (see {@link Seeds}).
 */
@QuarkusTest
class OfficialReportsExactnessTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] CHANNELS = {"LIVESTREAM", "ONLINE_PLATFORM", "SMART_CABINET", "SUPERMARKET", "FAIR"};
    private static final String[] PROVINCES = {null, "370000", "500000", "110000", "440000"};
    private static final String[] TYPES = {"CONSUMER", "CONSUMER", "BUDGET_UNIT", "PAIRING_UNIT",
        "EAST_WEST_COOPERATION", "ASSISTANCE_GROUP", "ENTERPRISE"};
    private static final long WINDOW_SECONDS = 60L * 86_400;
    private static final String COMPARE = "compare(to: %s) { base { from to " + Expectations.TOTALS_FIELDS + " "
            + Expectations.BUYERS_FIELDS + " } netGmvGrowth orderCountGrowth }";

    @Inject
    TestData data;
    @Inject
    SalesOracle oracle;
    @Inject
    Pool pool;

    private record World(Tree tree, List<Long> suppliers, List<Long> products, Map<Long, String> origin,
            List<Long> streamers, Map<Long, Long> sessionOf, Instant base) {
    }

    @Test
    void everyReportFigureEqualsTheSqlOverRawOrders() {
        Random random = Seeds.random("OfficialReportsExactnessTest");
        String seed = Seeds.rerun();
        World world = world(random);
        List<Long> orders = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            String at = seed + " round " + round + ": ";
            orders.addAll(data.insertOrders(randomOrders(random, world, 60 + random.nextInt(60))));
            // certification changes after these sales: they keep what they were sold with
            for (long supplier : world.suppliers()) {
                if (random.nextInt(3) == 0) {
                    await("UPDATE supplier SET certified = NOT certified WHERE id = $1", supplier);
                }
            }
            if (random.nextBoolean()) {
                oracle.foldNow();
            }
            data.refundNow(orders.stream().filter(id -> random.nextInt(10) == 0).toList());
            if (random.nextInt(3) == 0) {
                oracle.foldNow();
            }
            for (int q = 0; q < 8; q++) {
                checkRegion(random, world, at + "region " + q);
            }
            for (int q = 0; q < 4; q++) {
                checkPovertyFocus(random, world, at + "focus " + q);
            }
            checkEntities(random, world, at);
            checkRanking(random, world, at);
        }
    }

    private void checkRegion(Random random, World world, String at) {
        List<String> regions = world.tree().all();
        String region = regions.get(random.nextInt(regions.size()));
        Instant[] period = period(random, world.base());
        String channel = random.nextInt(3) == 0 ? CHANNELS[random.nextInt(CHANNELS.length)] : null;
        Map<String, Object> variables = variables("code", region, "from", period[0], "to", period[1], "channel",
                channel);
        JsonPath answer = data("query ($code: ID!, $from: DateTime, $to: DateTime, $channel: Channel) {"
                + " region(code: $code) { totals(from: $from, to: $to, channel: $channel) { "
                + Expectations.TOTALS_FIELDS
                + " " + Expectations.BUYERS_FIELDS + " previous: " + COMPARE.formatted("PREVIOUS_PERIOD")
                + " yearAgo: " + COMPARE.formatted("YEAR_AGO") + " } } }", variables);
        Filter filter = new Filter(region, period[0], period[1], channel, null, null, null);
        String what = at + " " + variables;
        Expected expected = oracle.expected(filter);
        Expectations.assertTotals(answer, "region.totals", expected, what);
        Expectations.assertBuyers(answer, "region.totals", oracle.buyers(filter), what);
        assertComparisons(answer, "region.totals", filter, expected, what);
    }

    private void checkPovertyFocus(Random random, World world, String at) {
        List<String> regions = new ArrayList<>(world.tree().all());
        regions.add(TestData.CHONGQING);
        String region = random.nextInt(6) == 0 ? null : regions.get(random.nextInt(regions.size()));
        Instant[] period = period(random, world.base());
        Map<String, Object> variables = variables("code", region, "from", period[0], "to", period[1]);
        JsonPath answer = data("query ($code: ID, $from: DateTime, $to: DateTime) {"
                + " povertyFocusTotals(regionCode: $code, from: $from, to: $to) { from to " + Expectations.TOTALS_FIELDS
                + " " + Expectations.BUYERS_FIELDS + " previous: " + COMPARE.formatted("PREVIOUS_PERIOD")
                + " yearAgo: " + COMPARE.formatted("YEAR_AGO") + " } }", variables);
        // the admin's default root is the municipality
        Filter filter = new Filter(region == null ? TestData.CHONGQING : region, period[0], period[1], null, null,
                null, null, true);
        String what = at + " " + variables;
        Expected expected = oracle.expected(filter);
        Expectations.assertTotals(answer, "povertyFocusTotals", expected, what);
        Expectations.assertBuyers(answer, "povertyFocusTotals", oracle.buyers(filter), what);
        assertComparisons(answer, "povertyFocusTotals", filter, expected, what);
    }

    private void checkEntities(Random random, World world, String at) {
        Instant[] period = period(random, world.base());
        long streamer = world.streamers().get(random.nextInt(world.streamers().size()));
        long product = world.products().get(random.nextInt(world.products().size()));
        Map<String, Object> variables = variables("s", String.valueOf(streamer), "p", String.valueOf(product),
                "from", period[0], "to", period[1]);
        JsonPath answer = data("query ($s: ID!, $p: ID!, $from: DateTime, $to: DateTime) {"
                + " streamer(id: $s) { totals(from: $from, to: $to) { " + Expectations.TOTALS_FIELDS + " "
                + Expectations.BUYERS_FIELDS + " previous: " + COMPARE.formatted("PREVIOUS_PERIOD") + " } }"
                + " product(id: $p) { totals(from: $from, to: $to) { " + Expectations.TOTALS_FIELDS + " "
                + Expectations.BUYERS_FIELDS + " yearAgo: " + COMPARE.formatted("YEAR_AGO") + " } } }", variables);
        Filter ofStreamer = new Filter(null, period[0], period[1], null, null, streamer, null);
        Expected streamerTotals = oracle.expected(ofStreamer);
        Expectations.assertTotals(answer, "streamer.totals", streamerTotals, at + "streamer " + variables);
        Expectations.assertBuyers(answer, "streamer.totals", oracle.buyers(ofStreamer), at + "streamer " + variables);
        Filter ofProduct = new Filter(null, period[0], period[1], null, null, null, product);
        Expected productTotals = oracle.expected(ofProduct);
        Expectations.assertTotals(answer, "product.totals", productTotals, at + "product " + variables);
        Expectations.assertBuyers(answer, "product.totals", oracle.buyers(ofProduct), at + "product " + variables);
        if (period[0] != null && period[1] != null) {
            assertComparison(answer, "streamer.totals.previous", ofStreamer, streamerTotals,
                    previousPeriod(period), at + "streamer previous " + variables);
            assertComparison(answer, "product.totals.yearAgo", ofProduct, productTotals, yearAgo(period),
                    at + "product yearAgo " + variables);
        }
    }

    private void checkRanking(Random random, World world, String at) {
        Tree tree = world.tree();
        Instant[] period = period(random, world.base());
        Map<String, Object> variables = variables("code", tree.district(), "from", period[0], "to", period[1]);
        JsonPath answer = data("query ($code: ID!, $from: DateTime, $to: DateTime) {"
                + " topRegions(regionCode: $code, from: $from, to: $to) { region { code } totals { "
                + Expectations.TOTALS_FIELDS + " " + Expectations.BUYERS_FIELDS + " } }"
                + " topStreamers(regionCode: $code, from: $from, to: $to) { streamer { id } totals { "
                + Expectations.TOTALS_FIELDS + " " + Expectations.BUYERS_FIELDS + " } } }", variables);
        List<Map<String, Object>> regions = answer.getList("topRegions");
        for (int i = 0; i < regions.size(); i++) {
            String code = answer.getString("topRegions[" + i + "].region.code");
            Filter filter = Filter.region(code, period[0], period[1]);
            Expectations.assertTotals(answer, "topRegions[" + i + "].totals", oracle.expected(filter), at + code);
            Expectations.assertBuyers(answer, "topRegions[" + i + "].totals", oracle.buyers(filter), at + code);
        }
        List<Map<String, Object>> hosts = answer.getList("topStreamers");
        for (int i = 0; i < hosts.size(); i++) {
            long id = Long.parseLong(answer.getString("topStreamers[" + i + "].streamer.id"));
            Filter filter = new Filter(tree.district(), period[0], period[1], null, null, id, null);
            Expectations.assertTotals(answer, "topStreamers[" + i + "].totals", oracle.expected(filter), at + id);
            Expectations.assertBuyers(answer, "topStreamers[" + i + "].totals", oracle.buyers(filter), at + id);
        }
    }

    /** Both comparisons at {@code path}.previous and .yearAgo: null without bounds, else the hand computation. */
    private void assertComparisons(JsonPath answer, String path, Filter filter, Expected current, String what) {
        if (filter.from() == null || filter.to() == null) {
            assertThat(answer.<Object>get(path + ".previous")).as(what + " previous, unbounded").isNull();
            assertThat(answer.<Object>get(path + ".yearAgo")).as(what + " yearAgo, unbounded").isNull();
            return;
        }
        Instant[] period = {filter.from(), filter.to()};
        assertComparison(answer, path + ".previous", filter, current, previousPeriod(period), what + " previous");
        assertComparison(answer, path + ".yearAgo", filter, current, yearAgo(period), what + " yearAgo");
    }

    private void assertComparison(JsonPath answer, String path, Filter filter, Expected current, Instant[] base,
            String what) {
        Filter baseFilter = filter.during(base[0], base[1]);
        Expected expected = oracle.expected(baseFilter);
        assertThat(Instant.parse(answer.getString(path + ".base.from"))).as(what + " base from").isEqualTo(base[0]);
        assertThat(Instant.parse(answer.getString(path + ".base.to"))).as(what + " base to").isEqualTo(base[1]);
        Expectations.assertTotals(answer, path + ".base", expected, what + " base " + List.of(base));
        Expectations.assertBuyers(answer, path + ".base", oracle.buyers(baseFilter), what + " base");
        assertGrowth(answer.get(path + ".netGmvGrowth"), current.net(), expected.net(), what + " netGmvGrowth");
        assertGrowth(answer.get(path + ".orderCountGrowth"), BigDecimal.valueOf(current.orders()),
                BigDecimal.valueOf(expected.orders()), what + " orderCountGrowth");
    }

    private static void assertGrowth(Object answered, BigDecimal current, BigDecimal base, String what) {
        if (base.signum() == 0) {
            assertThat(answered).as(what + " (base 0)").isNull();
            return;
        }
        double expected = current.subtract(base).divide(base, MathContext.DECIMAL64).doubleValue();
        assertThat(((Number) answered).doubleValue()).as(what).isEqualTo(expected);
    }

    /** The same length just before, computed by hand. */
    private static Instant[] previousPeriod(Instant[] period) {
        Duration length = Duration.between(period[0], period[1]);
        return new Instant[] {period[0].minus(length), period[0]};
    }

    /** The same local date-times a year earlier in Shanghai (29 Feb → 28 Feb), computed by hand. */
    private static Instant[] yearAgo(Instant[] period) {
        return new Instant[] {period[0].atZone(SHANGHAI).minusYears(1).toInstant(),
            period[1].atZone(SHANGHAI).minusYears(1).toInstant()};
    }

    private World world(Random random) {
        Tree tree = data.tree(3, 2);
        // focus regions nested in the tree: a township (and so its villages), and a village of another township
        await("UPDATE region SET poverty_focus = true WHERE code = ANY($1)",
                (Object) new String[] {tree.townships().get(1), tree.villages().get(0)});
        List<Long> suppliers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            suppliers.add(data.insertSupplier(tree.district(), i != 1, false, 5));
        }
        List<Long> products = new ArrayList<>();
        Map<Long, String> origin = new HashMap<>();
        for (String region : tree.all()) {
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                long supplier = suppliers.get(random.nextInt(suppliers.size()));
                long product = data.insertProduct(region, supplier, "9.90", true);
                products.add(product);
                origin.put(product, region);
            }
        }
        List<Long> streamers = new ArrayList<>();
        Map<Long, Long> sessions = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            long streamer = data.insertStreamer(tree.district());
            streamers.add(streamer);
            sessions.put(streamer, data.insertEndedSession(streamer, tree.district()));
        }
        // a leap day lies in the first window for some seeds: 2024-02-29 → 2023-02-28
        Instant base = Instant.parse("2024-01-10T00:00:00Z").plusSeconds(random.nextInt(150 * 86_400));
        return new World(tree, suppliers, products, origin, streamers, sessions, base);
    }

    private List<NewOrder> randomOrders(Random random, World world, int count) {
        List<NewOrder> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long product = world.products().get(random.nextInt(world.products().size()));
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            List<Long> hosts = world.streamers();
            Long streamer = channel.equals("LIVESTREAM") ? hosts.get(random.nextInt(hosts.size())) : null;
            Instant placed = world.base().plusSeconds((long) (random.nextDouble() * WINDOW_SECONDS));
            if (random.nextInt(3) == 0) {
                // the same season a year earlier: what YEAR_AGO compares with
                placed = placed.atZone(SHANGHAI).minusYears(1).toInstant();
            }
            if (random.nextInt(4) == 0) {
                placed = placed.plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
            }
            Long session = streamer == null ? null : world.sessionOf().get(streamer);
            orders.add(new NewOrder(channel, session, streamer, product, world.origin().get(product),
                    1 + random.nextInt(5), new BigDecimal(1 + random.nextInt(30000)).movePointLeft(2),
                    PROVINCES[random.nextInt(PROVINCES.length)], placed, random.nextInt(15) == 0,
                    random.nextInt(10) == 0, TYPES[random.nextInt(TYPES.length)], null));
        }
        return orders;
    }

    /** A random period in (or around) either window: this year's or the same season a year earlier. */
    private static Instant[] period(Random random, Instant base) {
        Instant start = random.nextBoolean() ? base : base.atZone(SHANGHAI).minusYears(1).toInstant();
        return RandomPeriods.period(random, start, WINDOW_SECONDS);
    }

    private void await(String sql, Object... parameters) {
        TestData.await(pool.preparedQuery(sql).execute(Tuple.from(parameters)));
    }
}
