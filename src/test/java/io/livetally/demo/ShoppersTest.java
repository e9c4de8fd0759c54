package io.livetally.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.livetally.catalog.Product;
import io.livetally.order.Channel;
import io.livetally.order.OrderInput;

/** Simulated orders: what they buy, at what price, from where. Seeded like {@link ViewerCrowdTest}. */
class ShoppersTest {

    private static final long SEED = Long.getLong("livetally.demo.seed", System.nanoTime());
    private static final Product ORANGES = product(7, "59.90");
    private static final Product PORK = product(12, "118.00");

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final ViewerCrowd crowd = new ViewerCrowd(300, 6);

    private static Product product(long id, String price) {
        return new Product(id, "p" + id, "水果", new BigDecimal(price), null, true, null, "500238", 1);
    }

    @Test
    void ordersAreOneToThreeOfAFeaturedProductAtItsListPricePlacedNowOnTheSessionsPlatform() {
        DemoSession session = new DemoSession(9, null, "kuaishou", List.of(ORANGES, PORK));
        long now = 1_700_000_000_123L;
        Map<Long, Product> featured = Map.of(ORANGES.id(), ORANGES, PORK.id(), PORK);

        List<OrderInput> orders = Shoppers.orders(session, 2000, now, 40, crowd, random);

        assertThat(orders).hasSize(2000).allSatisfy(order -> {
            Product product = featured.get(Long.valueOf(order.productId()));
            assertThat(product).as("seed %d", SEED).isNotNull();
            assertThat(order.unitPrice()).isEqualTo(product.unitPrice());
            assertThat(order.quantity()).isBetween(1, 3);
            assertThat(order.platform()).isEqualTo("kuaishou");
            assertThat(order.channel()).isEqualTo(Channel.LIVESTREAM);
            assertThat(order.sessionId()).isEqualTo("9");
            assertThat(order.placedAt()).isEqualTo(Instant.ofEpochMilli(now));
            assertThat(order.buyerProvince()).matches("[1-9][0-9]0000");
            assertThat(crowd.inWindow(order.buyerRef(), now)).isTrue();
        });
        Set<String> ids = new HashSet<>();
        orders.forEach(order -> ids.add(order.externalId()));
        assertThat(ids).hasSize(2000).contains("sim-1700000000123-40", "sim-1700000000123-2039");
        assertThat(orders.stream().map(OrderInput::quantity).collect(Collectors.toSet())).containsExactly(1, 2, 3);
    }

    @Test
    void buyersAreMostlyFromChongqingAndSomeFromShandong() {
        DemoSession session = new DemoSession(9, null, "kuaishou", List.of(ORANGES));

        Map<String, Long> byProvince = Shoppers.orders(session, 4000, 1_700_000_000_000L, 0, crowd, random).stream()
                .collect(Collectors.groupingBy(OrderInput::buyerProvince, Collectors.counting()));

        assertThat(byProvince.get("500000") / 4000.0).as("seed %d", SEED).isBetween(0.55, 0.65);
        assertThat(byProvince.get("370000") / 4000.0).as("seed %d", SEED).isBetween(0.21, 0.29);
        assertThat(byProvince.keySet())
                .containsOnly("500000", "370000", "110000", "310000", "440000", "510000");
    }

    @Test
    void aSessionWithoutListedProductsGetsNoOrders() {
        DemoSession session = new DemoSession(9, null, "kuaishou", List.of());

        assertThat(Shoppers.orders(session, 5, 1_700_000_000_000L, 0, crowd, random)).isEmpty();
    }
}
