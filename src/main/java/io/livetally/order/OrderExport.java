package io.livetally.order;

import java.util.ArrayList;
import java.util.List;

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

    private final Pool pool;

    public OrderExport(Pool pool) {
        this.pool = pool;
    }

    /** The orders of the join below, narrowed as {@link OrderRepository#SCOPE} narrows sales_order. */
    private static final ScopeColumns SCOPE = new ScopeColumns(Visibility.ORDERS, "sales_order o",
            "o.origin_region_code", "o.streamer_id");

    /**
     * Every order the scope sees that matches the filter (as {@code orders(filter)} lists them), in chunks of
     * {@code size}.
     */
    public void read(Scope scope, OrderFilter filter, int size, Chunks chunks) throws Exception {
        SqlWhere where = SCOPE.narrow(OrderRepository.where(filter, "o."), scope);
        String sql = "SELECT " + Order.COLUMNS.replaceAll("(\\w+)", "o.$1") + ", o.origin_region_code, o.streamer_id,"
                + " p.name AS product_name FROM sales_order o JOIN product p ON p.id = o.product_id" + where.sql()
                + " ORDER BY o.placed_at DESC, o.id DESC";
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                PreparedStatement statement = connection.prepare(sql).await().indefinitely();
                Cursor cursor = statement.cursor(where.tuple());
                try {
                    // hasMore() is known only after a first read
                    do {
                        RowSet<Row> rows = cursor.read(size).await().indefinitely();
                        List<Exported> chunk = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            chunk.add(new Exported(Order.from(row), row.getString("product_name"),
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
}
