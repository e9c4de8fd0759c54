package io.livetally.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.SqlWhere;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads every order of a filter, newest first, through a server-side cursor a chunk at a time, for exports of any
 * size in constant memory. Blocking: it runs on an export's own thread, never on an event loop, and holds one
 * connection (and its read-only transaction) while it runs.
 */
@ApplicationScoped
public class OrderExport {

    /** An order with what an export shows beside it. */
    public record Exported(Order order, String productName, String originRegionCode, Long streamerId) {
    }

    /** Receives each chunk in order; an exception stops the reading (and closes the cursor). */
    @FunctionalInterface
    public interface Chunks {
        void accept(List<Exported> chunk) throws Exception;
    }

    /** sales_order narrowed as {@link OrderRepository#SCOPE} narrows it, its columns qualified as read below. */
    private static final ScopeColumns SCOPE = new ScopeColumns(Visibility.ORDERS, "sales_order o",
            "o.origin_region_code", "o.streamer_id");
    private static final String PRODUCT_NAMES = "SELECT id, name FROM product WHERE id = ANY($1)";

    private final Pool pool;

    public OrderExport(Pool pool) {
        this.pool = pool;
    }

    /**
     * Every order the scope sees that matches the filter (as {@code orders(filter)} lists them), in chunks of
     * {@code size}. The cursor reads sales_order alone, newest first, so that its plan walks sales_order_placed_idx
     * and its first rows come at once (joined with product, a 10M-order export sorted everything before its first
     * FETCH and ran past the statement timeout); each chunk's product names are read with one look-up.
     */
    public void read(Scope scope, OrderFilter filter, int size, Chunks chunks) throws Exception {
        SqlWhere where = SCOPE.narrow(OrderRepository.where(filter, "o."), scope);
        String sql = "SELECT " + Order.COLUMNS.replaceAll("(\\w+)", "o.$1") + ", o.origin_region_code, o.streamer_id"
                + " FROM sales_order o" + where.sql() + " ORDER BY o.placed_at DESC, o.id DESC";
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                // a cursor's plan is chosen for its first rows: the export starts streaming at once
                connection.query("SET LOCAL cursor_tuple_fraction = 0.01").execute().await().indefinitely();
                PreparedStatement statement = connection.prepare(sql).await().indefinitely();
                Cursor cursor = statement.cursor(where.tuple());
                try {
                    // hasMore() is known only after a first read
                    do {
                        RowSet<Row> rows = cursor.read(size).await().indefinitely();
                        Map<Long, String> names = productNames(connection, rows);
                        List<Exported> chunk = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            Order order = Order.from(row);
                            chunk.add(new Exported(order, names.get(order.productId()),
                                    row.getString("origin_region_code"), row.getLong("streamer_id")));
                        }
                        chunks.accept(chunk);
                    } while (cursor.hasMore());
                } finally {
                    cursor.close().await().indefinitely();
                    statement.close().await().indefinitely();
                }
            } finally {
                transaction.rollback().await().indefinitely();
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private static Map<Long, String> productNames(SqlConnection connection, RowSet<Row> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getLong("product_id")));
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            connection.preparedQuery(PRODUCT_NAMES).execute(Tuple.of(ids.toArray(Long[]::new))).await().indefinitely()
                    .forEach(row -> names.put(row.getLong("id"), row.getString("name")));
        }
        return names;
    }
}
