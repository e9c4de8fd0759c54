package io.livetally.order;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** An order a selling platform pushes; the server computes the amount. */
@Input("OrderInput")
public record OrderInput(
        @NonNull String platform,
        @NonNull String externalId,
        @NonNull Channel channel,
        @Id String sessionId,
        @Id @NonNull String productId,
        int quantity,
        @NonNull BigDecimal unitPrice,
        String buyerProvince,
        @Description("Opaque buyer id from the platform, used only to count distinct buyers.") String buyerRef,
        @NonNull @Description("When the buyer paid. May lie in the past (platforms backfill), never in the future.")
        Instant placedAt,
        @Description("Default CONSUMER.") BuyerType buyerType) {
}
