package io.livetally.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.livetally.catalog.Product;
import io.livetally.order.BuyerType;
import io.livetally.order.Channel;
import io.livetally.order.OrderInput;

/**
 * The orders a session's simulated buyers place in one tick: its featured products at their list price,
 * 1–3 items, placed now, buyers mostly from Chongqing and some from Shandong (鲁渝, 渝货进山东), each
 * order under an externalId no other order has: {@code sim-<epoch ms>-<n>} (the demo data's are {@code demo-<n>}).
 */
final class Shoppers {

    static final String ID_PREFIX = "sim-";

    /** Buyers' provinces (GB/T 2260) and their weights: 重庆, 山东, 北京, 上海, 广东, 四川. */
    private static final String[] PROVINCES = {"500000", "370000", "110000", "310000", "440000", "510000"};
    private static final int[] PROVINCE_WEIGHTS = {60, 25, 5, 4, 3, 3};
    private static final int[] QUANTITY_WEIGHTS = {60, 30, 10};
    /** Who buys, by BuyerType's order: mostly consumers, some units' procurement and assistance buying. */
    private static final int[] BUYER_TYPE_WEIGHTS = {80, 6, 4, 5, 3, 2};

    private Shoppers() {
    }

    /** {@code count} orders, numbered from {@code firstNumber} among this tick's. */
    static List<OrderInput> orders(DemoSession session, int count, long nowMillis, int firstNumber,
            ViewerCrowd crowd, RandomGenerator random) {
        List<OrderInput> orders = new ArrayList<>(count);
        if (session.products().isEmpty()) {
            return orders;
        }
        Instant placedAt = Instant.ofEpochMilli(nowMillis);
        for (int i = 0; i < count; i++) {
            Product product = session.products().get(random.nextInt(session.products().size()));
            orders.add(new OrderInput(session.platform(), ID_PREFIX + nowMillis + "-" + (firstNumber + i),
                    Channel.LIVESTREAM, String.valueOf(session.id()), String.valueOf(product.id()),
                    1 + Chance.weighted(QUANTITY_WEIGHTS, random), product.unitPrice(),
                    PROVINCES[Chance.weighted(PROVINCE_WEIGHTS, random)], crowd.buyer(nowMillis, random), placedAt,
                    BuyerType.values()[Chance.weighted(BUYER_TYPE_WEIGHTS, random)]));
        }
        return orders;
    }
}
