package io.livetally.order;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.common.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** An order as clients see it (the buyer reference stays internal). */
@ReadWithParent
public record Order(
        @Id long id,
        @NonNull @Description("Selling platform and its own order id: together they identify an order exactly once.")
        String platform,
        @NonNull String externalId,
        @NonNull Channel channel,
        int quantity,
        @NonNull BigDecimal unitPrice,
        @NonNull BigDecimal amount,
        @Description("Province (or municipality) of the buyer, GB/T 2260 2-digit prefix + 0000, e.g. 370000 for Shandong.")
        String buyerProvince,
        @NonNull OrderStatus status,
        @NonNull Instant placedAt,
        Instant refundedAt,
        @Description("Unit price more than 30% above the product's reference price.") boolean priceAlert,
        @Ignore Long sessionId,
        @Ignore long productId,
        @Ignore String buyerRef) {

    static final String COLUMNS = "id, platform, external_id, channel, quantity, unit_price, amount, buyer_province,"
            + " status, placed_at, refunded_at, price_alert, session_id, product_id, buyer_ref";

    static Order from(Row row) {
        return new Order(row.getLong("id"), row.getString("platform"), row.getString("external_id"),
                Channel.valueOf(row.getString("channel")), row.getInteger("quantity"), row.getBigDecimal("unit_price"),
                row.getBigDecimal("amount"), row.getString("buyer_province"),
                OrderStatus.valueOf(row.getString("status")), Rows.instant(row, "placed_at"),
                Rows.instant(row, "refunded_at"), row.getBoolean("price_alert"), row.getLong("session_id"),
                row.getLong("product_id"), row.getString("buyer_ref"));
    }
}
