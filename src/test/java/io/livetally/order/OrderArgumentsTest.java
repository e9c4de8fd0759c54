package io.livetally.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.Test;

import io.livetally.common.Seeds;

/**
 * recordOrder's and recordOrders' orders bound by hand from graphql-java's coerced maps are the records SmallRye's
 * JSON-B round trip (write the map as JSON, read it back) binds from the same maps.
 */
class OrderArgumentsTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** A coerced OrderInput as graphql-java hands it over: optional fields absent, null or set. */
    private static Map<String, Object> order(Random random) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("platform", random.nextBoolean() ? "douyin" : "拼多多");
        fields.put("externalId", "o-" + random.nextInt(1_000_000));
        fields.put("channel", Channel.values()[random.nextInt(Channel.values().length)].name());
        fields.put("productId", String.valueOf(1 + random.nextInt(5_000)));
        int quantity = 1 + random.nextInt(1_000);
        fields.put("quantity", random.nextInt(4) > 0 ? new BigDecimal(quantity) : quantity); // SmallRye's Int: BigDecimal
        BigDecimal price = BigDecimal.valueOf(random.nextInt(10_000_000), random.nextInt(3));
        fields.put("unitPrice", switch (random.nextInt(4)) {
            case 0 -> price;                                            // a JSON number in the variables
            case 1 -> price.toPlainString();                            // a string literal
            case 2 -> price.setScale(0, java.math.RoundingMode.DOWN).intValueExact(); // an Int literal
            default -> price.setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
        });
        Instant at = Instant.ofEpochSecond(1_577_836_800L + random.nextInt(200_000_000), random.nextInt(1_000) * 1_000_000L);
        fields.put("placedAt", random.nextBoolean() ? at.toString()
                : at.atOffset(ZoneOffset.ofHours(8)).toString());
        optional(random, fields, "sessionId", String.valueOf(random.nextInt(900)));
        optional(random, fields, "buyerProvince", "500000");
        optional(random, fields, "buyerRef", "buyer-" + random.nextInt(50));
        optional(random, fields, "buyerType", BuyerType.values()[random.nextInt(BuyerType.values().length)].name());
        return fields;
    }

    private static void optional(Random random, Map<String, Object> fields, String name, Object value) {
        switch (random.nextInt(3)) {
            case 0 -> { }                                                 // absent
            case 1 -> fields.put(name, null);
            default -> fields.put(name, value);
        }
    }

    @Test
    void ordersAreBoundAsSmallRyesJsonRoundTripBindsThem() {
        Seeds.forAll(400, each -> {
            Map<String, Object> fields = each.draw(OrderArgumentsTest::order);
            OrderInput json = JSONB.fromJson(JSONB.toJson(fields), OrderInput.class);

            OrderInput bound = OrderArguments.input(fields);

            assertThat(bound).isEqualTo(json);
            assertThat(bound.unitPrice().scale()).isEqualTo(json.unitPrice().scale());
        });
    }

    @Test
    void aBatchIsBoundWholeOrLeftToSmallRye() {
        Random random = Seeds.random("OrderArgumentsTest.batch");
        List<Map<String, Object>> batch = List.of(order(random), order(random), order(random));
        assertThat(OrderArguments.inputs(batch)).hasSize(3).doesNotContainNull();

        Map<String, Object> floating = new HashMap<>(order(random));
        floating.put("unitPrice", 7.3d);                     // a binary double: SmallRye's own reading stays
        assertThat(OrderArguments.input(floating)).isNull();
        assertThat(OrderArguments.inputs(List.of(batch.get(0), floating))).isNull();
        Map<String, Object> wrongEnum = new HashMap<>(order(random));
        wrongEnum.put("channel", "CARRIER_PIGEON");
        assertThat(OrderArguments.input(wrongEnum)).isNull();
        Map<String, Object> wrongTime = new HashMap<>(order(random));
        wrongTime.put("placedAt", "yesterday");
        assertThat(OrderArguments.input(wrongTime)).isNull();
        assertThat(OrderArguments.input("an order")).isNull();
        assertThat(OrderArguments.inputs(Map.of())).isNull();
        Map<String, Object> fraction = new HashMap<>(order(random));
        fraction.put("quantity", new BigDecimal("2.5"));
        assertThat(OrderArguments.input(fraction)).isNull();
    }
}
