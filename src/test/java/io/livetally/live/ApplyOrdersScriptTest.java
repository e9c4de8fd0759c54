package io.livetally.live;

import static io.livetally.common.Seeds.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.Gen;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * apply_orders.lua sums a call's new orders before it writes a counter; it must leave every counter exactly as the
 * script that incremented them one order at a time ({@code lua/apply_orders_one_by_one.lua}, test resources) leaves
 * them: the same orders counted once, the same sums per product, minute, source and province, the same buyers not yet
 * attributed. Random calls of the real write path's arguments (ids repeated within and across calls, buyers with and
 * without a known first JOIN, no buyer, no province) against real Redis, two sessions side by side.
 */
@QuarkusTest
class ApplyOrdersScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong SESSIONS = new AtomicLong(9_100_000_000L + System.nanoTime() % 1_000_000 * 100);
    private static final LuaScript ONE_BY_ONE = LuaScript.load("apply_orders_one_by_one.lua");

    @Inject
    LiveCounters counters;
    @Inject
    Redis redis;

    /** One order of a small world: ids from 1 to 40, 3 products, 2 minutes, 6 buyers (3 of them seen joining). */
    private static final Gen<CountedOrder> ORDERS = random -> new CountedOrder(Gen.longs(1, 40).next(random), 0,
            Gen.longs(701, 703).next(random), Gen.ints(1, 5).next(random),
            BigDecimal.valueOf(Gen.oneOf(Gen.longs(1, 999), Gen.longs(1, 9_999_999_999L)).next(random), 2),
            Instant.ofEpochSecond(1_796_000_000L + Gen.ints(0, 1).next(random) * 60L),
            Gen.of(null, "", "b1", "b2", "b3", "b4", "b5", "b6").next(random), Gen.of(null, "", "500000", "370000").next(random));

    @Test
    void everyCounterIsWhatTheOneOrderAtATimeScriptLeaves() {
        forAll(25, each -> {
            List<List<CountedOrder>> calls = each.draw(ORDERS.list(0, 60).list(1, 4));
            long summed = SESSIONS.incrementAndGet();
            long oneByOne = SESSIONS.incrementAndGet();
            for (long session : List.of(summed, oneByOne)) {
                LiveKeys keys = new LiveKeys(session);
                send(Request.cmd(Command.HSET).arg(keys.viewerSources()).arg("b1").arg("FEED").arg("b2").arg("SEARCH")
                        .arg("b6").arg("FEED"));
            }
            for (List<CountedOrder> call : calls) {
                int applied = counters.applyOrders(summed, call).await().atMost(WAIT);
                int reference = oneByOne(oneByOne, call);
                assertThat(applied).as("orders new to the counters").isEqualTo(reference);
            }
            assertThat(counters(summed)).isEqualTo(counters(oneByOne));
        });
    }

    private int oneByOne(long session, List<CountedOrder> orders) {
        LiveKeys keys = new LiveKeys(session);
        List<Object> args = new ArrayList<>(List.of(System.currentTimeMillis(), LiveCounters.LIVE_TTL.toSeconds()));
        for (CountedOrder order : orders) {
            args.addAll(List.of(order.id(), order.productId(), order.quantity(), order.cents(), order.minute(),
                    order.buyerRef() == null ? "" : order.buyerRef(),
                    order.buyerProvince() == null ? "" : order.buyerProvince()));
        }
        return ONE_BY_ONE.run(redis, List.of(keys.counted(), keys.stats(), keys.products(), keys.minutes(), keys.buyers(),
                keys.viewerSources(), keys.sources(), keys.unattributed(), keys.provinces()), args)
                .await().atMost(WAIT).toInteger();
    }

    /** Every counter of the session, the time of the last update aside (each script was called at its own time). */
    private Map<String, Object> counters(long session) {
        LiveKeys keys = new LiveKeys(session);
        Map<String, Object> all = new TreeMap<>();
        TreeSet<String> counted = new TreeSet<>();
        send(Request.cmd(Command.SMEMBERS).arg(keys.counted())).forEach(id -> counted.add(id.toString()));
        all.put("counted", counted);
        Map<String, String> stats = hash(keys.stats());
        all.put("updated once an order counted", stats.remove("updated") != null);
        all.put("stats", stats);
        all.put("products", hash(keys.products()));
        all.put("minutes", hash(keys.minutes()));
        all.put("sources", hash(keys.sources()));
        all.put("unattributed", hash(keys.unattributed()));
        all.put("provinces", hash(keys.provinces()));
        all.put("viewer sources", hash(keys.viewerSources()));
        all.put("buyers", send(Request.cmd(Command.PFCOUNT).arg(keys.buyers())).toLong());
        for (String key : List.of(keys.counted(), keys.stats())) {
            all.put("expires " + key.substring(key.lastIndexOf(':')),
                    send(Request.cmd(Command.TTL).arg(key)).toLong() > 0 || stats.isEmpty());
        }
        return all;
    }

    private Map<String, String> hash(String key) {
        // Inside a script HGETALL is a flat array (field, value, …), whatever the connection's protocol.
        Response entries = send(Request.cmd(Command.EVAL).arg("return redis.call('HGETALL', KEYS[1])").arg(1).arg(key));
        Map<String, String> hash = new TreeMap<>();
        for (int i = 0; i + 1 < entries.size(); i += 2) {
            hash.put(entries.get(i).toString(), entries.get(i + 1).toString());
        }
        return hash;
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(WAIT);
    }
}
