package io.livetally.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The orders of a request, coerced by the served schema's own scalars (SmallRye's, behind StrictScalars) from the
 * variables as the request gate builds them (numbers as BigDecimals of their text), are bound by hand: none is left
 * to SmallRye's JSON-B round trip. (SmallRye's Int arrives as a BigDecimal and its BigDecimal as a String: a binder
 * that expected an Integer fell back on every order.)
 */
@QuarkusTest
class OrderArgumentsCoercionTest {

    @Inject
    GraphQLSchema schema;

    private CoercedVariables coerce(String document, Map<String, Object> variables) {
        OperationDefinition operation = (OperationDefinition) Parser.parse(document).getDefinitions().get(0);
        return ValuesResolver.coerceVariableValues(schema, operation.getVariableDefinitions(), RawVariables.of(variables),
                GraphQLContext.getDefault(), Locale.ROOT);
    }

    private static Map<String, Object> order(String externalId, String unitPrice, boolean priceAsNumber) {
        Map<String, Object> order = new HashMap<>();
        order.put("platform", "douyin");
        order.put("externalId", externalId);
        order.put("channel", "LIVESTREAM");
        order.put("sessionId", "12");
        order.put("productId", "7");
        order.put("quantity", new BigDecimal("3"));
        order.put("unitPrice", priceAsNumber ? new BigDecimal(unitPrice) : unitPrice);
        order.put("buyerProvince", "370000");
        order.put("buyerRef", "b-1");
        order.put("placedAt", "2020-09-18T10:00:00+08:00");
        order.put("buyerType", "EAST_WEST_COOPERATION");
        return order;
    }

    @Test
    void aBatchCoercedByTheServedSchemaIsBoundByHand() {
        CoercedVariables coerced = coerce("mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }",
                Map.of("inputs", List.of(order("a", "7.30", true), order("b", "68.00", false))));

        List<OrderInput> bound = OrderArguments.inputs(coerced.get("inputs"));

        assertThat(bound).containsExactly(
                new OrderInput("douyin", "a", Channel.LIVESTREAM, "12", "7", 3, new BigDecimal("7.30"), "370000", "b-1",
                        Instant.parse("2020-09-18T02:00:00Z"), BuyerType.EAST_WEST_COOPERATION),
                new OrderInput("douyin", "b", Channel.LIVESTREAM, "12", "7", 3, new BigDecimal("68.00"), "370000", "b-1",
                        Instant.parse("2020-09-18T02:00:00Z"), BuyerType.EAST_WEST_COOPERATION));
        assertThat(bound.get(0).unitPrice().scale()).isEqualTo(2);
    }

    @Test
    void oneOrderCoercedByTheServedSchemaIsBoundByHand() {
        Map<String, Object> order = order("c", "4.1", true);
        order.remove("sessionId");
        order.put("buyerType", null);
        CoercedVariables coerced = coerce("mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate } }",
                Map.of("input", order));

        assertThat(OrderArguments.input(coerced.get("input"))).isEqualTo(new OrderInput("douyin", "c", Channel.LIVESTREAM,
                null, "7", 3, new BigDecimal("4.1"), "370000", "b-1", Instant.parse("2020-09-18T02:00:00Z"), null));
    }
}
