package io.livetally.analytics;

import java.math.BigDecimal;

import io.livetally.common.Money;
import io.vertx.mutiny.sqlclient.Row;

/** Additive sales figures of one slice: what a rollup row, a raw order or a sum of them holds. */
record Measures(BigDecimal gmv, BigDecimal refunds, long orders, long refunded, long items, long alerts) {

    static final Measures ZERO = new Measures(Money.ZERO, Money.ZERO, 0, 0, 0, 0);

    /** The measure columns every analytics query ends with. */
    static Measures from(Row row) {
        return new Measures(Money.of(row.getBigDecimal("gmv")), Money.of(row.getBigDecimal("refunds")),
                row.getLong("order_count"), row.getLong("refund_count"), row.getLong("items"),
                row.getLong("alert_count"));
    }

    Measures plus(Measures other) {
        return new Measures(gmv.add(other.gmv), refunds.add(other.refunds), orders + other.orders,
                refunded + other.refunded, items + other.items, alerts + other.alerts);
    }

    BigDecimal netGmv() {
        return gmv.subtract(refunds);
    }
}
