package io.livetally.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.SqlWhere;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads every order of a filter, newest first, for exports of any size in constant memory: a keyset walk of
 * {@code sales_order_placed_idx} ({@code (placed_at, id) < (the last row's)}, {@code LIMIT size}), each chunk a short
 * statement that reads only its own rows — never one ordered cursor, whose first FETCH sorts every order of the
 * subtree (past the statement timeout at 10M orders). All chunks run in one REPEATABLE READ READ ONLY transaction:
 * one snapshot, so the file is consistent however long the client takes. Blocking: it runs on an export's own
 * thread, never on an event loop, and holds one connection while it runs.
 */
@ApplicationScoped
public class OrderExport {

    /** An order with what an export shows beside it. */
    public record Exported(Order order, String productName, String originRegionCode, Long streamerId) {
    }

    /** Receives each chunk in order; an exception stops the reading (and ends the transaction). */
    @FunctionalInterface
    public interface Chunks {
        void accept(List<Exported> chunk) throws Exception;
    }

    /** The orders of the join below, narrowed as {@link OrderRepository#SCOPE} narrows sales_order. */
    private static final ScopeColumns SCOPE = new ScopeColumns(Visibility.ORDERS, "sales_order o",
            "o.origin_region_code", "o.streamer_id");

    private final Pool pool;

    public OrderExport(Pool pool) {
        this.pool = pool;
    }

    /** One chunk's statement and parameters. */
    record Chunk(String sql, Tuple parameters) {
    }

    /**
     * The statement of the chunk of {@code size} rows after the row at (placedAt, id), or of the first when null.
     * {@code codes}: the origin regions the filter and the scope allow (null: any), resolved once per export.
     */
    static Chunk chunk(Scope scope, OrderFilter filter, String[] codes, int size, OffsetDateTime placedAt, Long id) {
        OrderFilter f = filter == null ? OrderFilter.NONE : filter;
        SqlWhere where = OrderRepository.where(new OrderFilter(f.sessionId(), f.streamerId(), null, f.channel(),
                f.status(), f.priceAlert(), f.from(), f.to()), "o.");
        if (!scope.official()) {
            where = SCOPE.narrow(where, scope);
        }
        // the regions as a list of codes rather than a subquery: the planner then knows how many orders they hold
        // (it takes any subtree for ~9 regions, so it sorted a municipality's orders instead of walking the index)
        where.when(codes, n -> "o.origin_region_code = ANY($" + n + ")");
        if (placedAt != null) {
            where.all(n -> "(o.placed_at, o.id) < ($" + n + ", $" + (n + 1) + ")", placedAt, id);
        }
        String sql = "SELECT " + Order.COLUMNS.replaceAll("(\\w+)", "o.$1") + ", o.origin_region_code, o.streamer_id,"
                + " p.name AS product_name FROM sales_order o JOIN product p ON p.id = o.product_id" + where.sql()
                + " ORDER BY o.placed_at DESC, o.id DESC LIMIT $" + where.next();
        return new Chunk(sql, where.tuple(size));
    }

    /**
     * The codes of the regions in both the filter's subtree and the official's (as {@code RegionRepository.inSubtree}
     * reads them: none for an unknown code), or null when neither narrows the regions.
     */
    static Uni<String[]> codes(SqlClient client, Scope scope, OrderFilter filter) {
        String region = filter == null ? null : filter.regionCode();
        String official = scope.official() ? scope.regionCode() : null;
        if (region == null && official == null) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery("SELECT coalesce(array_agg(code), '{}') FROM region"
                + " WHERE ($1::text IS NULL OR path LIKE (SELECT path FROM region WHERE code = $1) || '%')"
                + " AND ($2::text IS NULL OR path LIKE (SELECT path FROM region WHERE code = $2) || '%')")
                .execute(Tuple.of(region, official)).map(rows -> rows.iterator().next().getArrayOfStrings(0));
    }

    /**
     * Every order the scope sees that matches the filter (as {@code orders(filter)} lists them), in chunks of
     * {@code size}.
     */
    public void read(Scope scope, OrderFilter filter, int size, Chunks chunks) throws Exception {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        .await().indefinitely();
                String[] codes = codes(connection, scope, filter).await().indefinitely();
                OffsetDateTime placedAt = null;
                Long id = null;
                int read;
                do {
                    Chunk chunk = chunk(scope, filter, codes, size, placedAt, id);
                    RowSet<Row> rows = connection.preparedQuery(chunk.sql()).execute(chunk.parameters())
                            .await().indefinitely();
                    List<Exported> exported = new ArrayList<>(rows.size());
                    Row last = null;
                    for (Row row : rows) {
                        exported.add(new Exported(Order.from(row), row.getString("product_name"),
                                row.getString("origin_region_code"), row.getLong("streamer_id")));
                        last = row;
                    }
                    read = exported.size();
                    if (last != null) {
                        placedAt = last.getOffsetDateTime("placed_at");
                        id = last.getLong("id");
                        chunks.accept(exported);
                    }
                } while (read == size);
            } finally {
                transaction.rollback().await().indefinitely();
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }
}
