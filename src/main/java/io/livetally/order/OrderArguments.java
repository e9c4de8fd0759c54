package io.livetally.order;

import static io.livetally.common.InputValues.bindMutations;
import static io.livetally.common.InputValues.enumValue;
import static io.livetally.common.InputValues.instant;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLSchema;
import io.livetally.common.InputValues.Binder;
import io.smallrye.graphql.spi.EventingService;

/**
 * Binds {@code recordOrder}'s {@code input} and {@code recordOrders}' {@code inputs} (up to 1,000 a call) to
 * {@link OrderInput}s by hand, then lets SmallRye's data fetcher run as for any field — as
 * {@code ViewerEventArguments} does for viewer events. SmallRye binds an input object by writing graphql-java's map
 * of it to a JSON string with JSON-B and reading that back, one object at a time: in a profile of stats reads with
 * orders streaming in, 12% of the CPU samples were SmallRye's binding of the orders through Yasson, on the event loops
 * the reads share (PERFORMANCE.md, issue 17, tenth session). Given records of the declared class, SmallRye passes
 * them through unchanged.
 *
 * <p>What reaches this point is already coerced and validated by graphql-java (enum names, non-null fields, IDs as
 * strings, Int and BigDecimal and DateTime checked by {@code StrictScalars}), so binding is a matter of reading the
 * map (SmallRye's scalars hand over an Int as a BigDecimal and a BigDecimal as a String); a value of a shape not
 * expected here (a binary floating-point number, an Int with a fraction) leaves the whole argument to SmallRye, as
 * before. {@code OrderArgumentsTest} checks the records against JSON-B's binding of the same maps. A SmallRye
 * {@link EventingService} (META-INF/services), always on.
 */
public class OrderArguments implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        return bindMutations(builder, List.of(new Binder("recordOrder", "input", OrderArguments::input),
                new Binder("recordOrders", "inputs", OrderArguments::inputs)));
    }

    /** The orders as records; null when a value has a shape not expected here (SmallRye then binds them). */
    static List<OrderInput> inputs(Object value) {
        if (!(value instanceof List<?> items)) {
            return null;
        }
        List<OrderInput> orders = new ArrayList<>(items.size());
        for (Object item : items) {
            OrderInput order = input(item);
            if (order == null) {
                return null;
            }
            orders.add(order);
        }
        return orders;
    }

    /** One order as a record; null when the value has a shape not expected here. */
    static OrderInput input(Object value) {
        if (!(value instanceof Map<?, ?> fields)) {
            return null;
        }
        try {
            BigDecimal quantity = decimal(fields.get("quantity"));      // SmallRye's Int: a BigDecimal
            BigDecimal unitPrice = decimal(fields.get("unitPrice"));    // its BigDecimal: a String
            if (quantity == null || unitPrice == null && fields.get("unitPrice") != null) {
                return null;
            }
            return new OrderInput((String) fields.get("platform"), (String) fields.get("externalId"),
                    enumValue(Channel.class, fields.get("channel")), (String) fields.get("sessionId"),
                    (String) fields.get("productId"), quantity.intValueExact(), unitPrice,
                    (String) fields.get("buyerProvince"), (String) fields.get("buyerRef"), instant(fields.get("placedAt")),
                    enumValue(BuyerType.class, fields.get("buyerType")));
        } catch (ClassCastException | IllegalArgumentException | ArithmeticException
                | java.time.DateTimeException e) {
            return null;
        }
    }

    /** A decimal as JSON-B reads it from the number or string SmallRye would write; null for any other shape. */
    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof String text) {
            return new BigDecimal(text);
        }
        return null;
    }
}
