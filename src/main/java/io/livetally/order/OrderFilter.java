package io.livetally.order;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** Which orders to list; every given field must match, the period is half-open [from, to). */
@Input("OrderFilter")
public record OrderFilter(
        @Id String sessionId,
        @Id String streamerId,
        @Id @Description("Origin region subtree of the ordered product.") String regionCode,
        Channel channel,
        OrderStatus status,
        Boolean priceAlert,
        Instant from,
        Instant to) {

    static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null, null, null);
}
