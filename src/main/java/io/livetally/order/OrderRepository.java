package io.livetally.order;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Keyset;
import io.livetally.common.NotFoundException;
import io.livetally.common.PageRequest;
import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.common.Texts;
import io.livetally.live.CountedOrder;
import io.livetally.live.LiveUpdates;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Lists orders (newest first, keyset-paged) and records refunds. */
@ApplicationScoped
public class OrderRepository {

    static final String CURSOR = "order";
    private static final Keyset<Order> PAGES = Keyset.newestFirst(CURSOR, "sales_order", Order.COLUMNS, "placed_at",
            Order::from, Order::placedAt, Order::id);
    private static final String O_COLUMNS = Order.COLUMNS.replaceAll("(\\w+)", "o.$1");
    /** The order of a key, found through the key table (V13): its id and the month's partition. */
    private static final String KEY = "SELECT order_id, placed_at FROM order_key WHERE platform = $1 AND external_id = $2";
    /** Matches nothing: a filter naming an id that cannot exist. */
    private static final long NO_ID = -1;

    /** Orders by the origin of their product: an official's subtree; a host's own sessions'. */
    public static final ScopeColumns SCOPE = new ScopeColumns(Visibility.ORDERS, "sales_order", "origin_region_code",
            "streamer_id");

    private final Pool pool;
    private final LiveUpdates live;

    public OrderRepository(Pool pool, LiveUpdates live) {
        this.pool = pool;
        this.live = live;
    }

    /** The orders of these ids (unscoped: for rows already admitted, such as an alert's order), by id. */
    public Uni<Map<Long, Order>> findAll(Collection<Long> ids) {
        return findAll(pool, ids);
    }

    /** As {@link #findAll(Collection)}, through the given pool (null: the service's). */
    public Uni<Map<Long, Order>> findAll(Pool through, Collection<Long> ids) {
        return (through == null ? pool : through).preparedQuery("SELECT " + O_COLUMNS + " FROM order_key k"
                        + " JOIN sales_order o ON o.id = k.order_id AND o.placed_at = k.placed_at WHERE k.order_id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids)))
                .map(rows -> Rows.byKey(rows, Order::from, Order::id));
    }

    /** The orders the scope sees that match every field of the filter, newest first. */
    public Uni<OrderConnection> page(Scope scope, OrderFilter filter, PageRequest page) {
        return page(scope, where(filter, ""), page);
    }

    /** The filter as a WHERE clause on sales_order's columns, each prefixed with {@code alias} ("o." or ""). */
    static SqlWhere where(OrderFilter filter, String alias) {
        OrderFilter f = filter == null ? OrderFilter.NONE : filter;
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw new InvalidInputException("from must not be after to");
        }
        return new SqlWhere()
                .equal(alias + "session_id", f.sessionId() == null ? null : Ids.parse(f.sessionId()).orElse(NO_ID))
                .equal(alias + "streamer_id", f.streamerId() == null ? null : Ids.parse(f.streamerId()).orElse(NO_ID))
                .when(f.regionCode(), n -> RegionRepository.inSubtree(alias + "origin_region_code", n))
                .equal(alias + "channel", f.channel() == null ? null : f.channel().name())
                .equal(alias + "status", f.status() == null ? null : f.status().name())
                .equal(alias + "price_alert", f.priceAlert())
                .when(f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC), n -> alias + "placed_at >= $" + n)
                .when(f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC), n -> alias + "placed_at < $" + n);
    }

    /** A session's orders that the scope sees (an official: those of products from their subtree). */
    public Uni<OrderConnection> ofSession(Scope scope, long sessionId, PageRequest page) {
        return page(scope, new SqlWhere().equal("session_id", sessionId), page);
    }

    private Uni<OrderConnection> page(Scope scope, SqlWhere filter, PageRequest page) {
        return PAGES.page(pool, SCOPE.narrow(filter, scope), page, OrderEdge::new, OrderConnection::new);
    }

    /** Only the call that refunded the order tells the live counters: a repeated refund never does. */
    private Uni<Void> countRefund(Order order) {
        return order.sessionId() == null ? Uni.createFrom().voidItem()
                : live.ordersRefunded(List.of(new CountedOrder(order.id(), order.sessionId(), order.productId(),
                        order.quantity(), order.amount(), order.placedAt(), order.buyerRef(), order.buyerProvince())));
    }

    /** Marks the order refunded; refunding it again returns it unchanged. */
    public Uni<Order> refund(String platform, String externalId) {
        String p = Texts.required("platform", platform, 50);
        String e = Texts.required("externalId", externalId, 200);
        return pool.preparedQuery("UPDATE sales_order SET status = 'REFUNDED', refunded_at = date_trunc('microseconds', now())"
                        + " WHERE (id, placed_at) = (" + KEY + ") AND status = 'PAID' RETURNING " + Order.COLUMNS)
                .execute(Tuple.of(p, e))
                .chain(updated -> updated.size() > 0 ? Uni.createFrom().item(Rows.first(updated, Order::from))
                        .call(this::countRefund)
                        : pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM sales_order"
                                + " WHERE (id, placed_at) = (" + KEY + ")").execute(Tuple.of(p, e))
                                .map(rows -> Rows.first(rows, Order::from)))
                .onItem().ifNull().failWith(() -> new NotFoundException("order " + p + "/" + e + " does not exist"));
    }
}
