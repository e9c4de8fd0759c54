package io.livetally.order;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlFiles;
import io.livetally.order.OrderCandidate.OrderKey;
import io.livetally.order.OrderRules.NewOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The order table's write side: a whole batch inserted by one statement, idempotent on
 * (platform, externalId), and the look-up of orders already stored under given keys.
 */
@ApplicationScoped
public class OrderStore {

    private static final String INSERT = SqlFiles.load("order/insert_orders.sql", Map.of("COLUMNS", Order.COLUMNS));
    /** Through the key table (V13): the stored key says which month's partition holds the order. */
    private static final String EXISTING = "SELECT " + Order.COLUMNS.replaceAll("(\\w+)", "o.$1")
            + " FROM unnest($1::text[], $2::text[]) AS k(platform, external_id)"
            + " JOIN order_key ok ON ok.platform = k.platform AND ok.external_id = k.external_id"
            + " JOIN sales_order o ON o.id = ok.order_id AND o.placed_at = ok.placed_at";

    private final Pool pool;

    public OrderStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the orders whose key is new; the result holds exactly those. */
    Uni<Map<OrderKey, Order>> insert(List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = orders.size();
        String[] platform = new String[n], externalId = new String[n], channel = new String[n], region = new String[n];
        String[] unitPrice = new String[n], amount = new String[n], province = new String[n], buyer = new String[n];
        String[] buyerType = new String[n];
        Boolean[] certified = new Boolean[n];
        Long[] session = new Long[n], streamer = new Long[n], product = new Long[n];
        Integer[] quantity = new Integer[n];
        java.time.OffsetDateTime[] placedAt = new java.time.OffsetDateTime[n];
        Boolean[] alert = new Boolean[n];
        for (int i = 0; i < n; i++) {
            NewOrder order = orders.get(i);
            OrderCandidate c = order.candidate();
            platform[i] = c.platform();
            externalId[i] = c.externalId();
            channel[i] = c.channel().name();
            session[i] = c.sessionId();
            streamer[i] = order.streamerId();
            product[i] = c.productId();
            region[i] = order.originRegionCode();
            quantity[i] = c.quantity();
            unitPrice[i] = c.unitPrice().toPlainString();
            amount[i] = c.amount().toPlainString();
            province[i] = c.buyerProvince();
            buyer[i] = c.buyerRef();
            placedAt[i] = c.placedAt().atOffset(ZoneOffset.UTC);
            alert[i] = order.priceAlert();
            buyerType[i] = c.buyerType().name();
            certified[i] = order.certified();
        }
        Tuple parameters = Tuple.from(new Object[] {platform, externalId, channel, session, streamer, product, region,
                quantity, unitPrice, amount, province, buyer, placedAt, alert, buyerType, certified});
        return pool.preparedQuery(INSERT).execute(parameters).map(rows -> Rows.byKey(rows, Order::from, OrderStore::key));
    }

    /** Orders already stored under these keys. */
    Uni<Map<OrderKey, Order>> existing(Collection<OrderKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] platforms = keys.stream().map(OrderKey::platform).toArray(String[]::new);
        String[] externalIds = keys.stream().map(OrderKey::externalId).toArray(String[]::new);
        return pool.preparedQuery(EXISTING).execute(Tuple.of(platforms, externalIds))
                .map(rows -> Rows.byKey(rows, Order::from, OrderStore::key));
    }

    private static OrderKey key(Order order) {
        return new OrderKey(order.platform(), order.externalId());
    }
}
