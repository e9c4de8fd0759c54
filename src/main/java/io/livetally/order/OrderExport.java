package io.livetally.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.SqlWhere;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads every order of a filter, newest first, for exports of any size in constant memory: a keyset walk of
 * {@code sales_order_placed_idx} ({@code (placed_at, id) < (the last row's)}, {@code LIMIT size}), each chunk a short
 * statement that reads only its own rows — never one ordered cursor, whose first FETCH sorts every order of the
 * subtree (past the statement timeout at 10M orders). All chunks run in one REPEATABLE READ READ ONLY transaction:
 * one snapshot, so the file is consistent however long the client takes. Each statement's rows are fetched
 * {@link #FETCH} at a time through a portal (the server produces them as they are asked for), so at most two batches
 * of {@link #FETCH} rows are alive at once — the one handed over and the next, read meanwhile — whatever the
 * statement's size or the export's: memory bounded by a small constant, not by the chunk. Blocking: it runs on an
 * export's own thread, never on an event loop, and holds one connection while it runs.
 */
@ApplicationScoped
public class OrderExport {

    /** An order with what an export shows beside it. */
    public record Exported(Order order, String productName, String originRegionCode, Long streamerId) {
    }

    /**
     * Rows handed over at once (and fetched by one round trip): with the next batch read meanwhile, two of them are
     * the export's memory (~5 MB of decoded rows each). 1,000 cost a round trip, a suspended portal and a hand-over per
     * 1,000 rows (47% of {@code \copy}'s rows/s at 1M orders); 4,000 a quarter of those.
     */
    public static final int FETCH = 4_000;

    /** Receives each batch (at most {@link #FETCH} rows) in order; an exception stops the reading (and ends the transaction). */
    @FunctionalInterface
    public interface Chunks {
        void accept(List<Exported> chunk) throws Exception;
    }

    /**
     * Receives each batch's rows (at most {@link #FETCH}) in order (columns by the indexes below); an exception stops
     * the reading. Vert.x's own rows, not Mutiny's wrappers: iterating those wraps every row once more (millions).
     */
    @FunctionalInterface
    public interface Rows {
        void accept(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> chunk) throws Exception;
    }

    /**
     * A statement run on the walk's connection, in its transaction (its snapshot), between two batches: e.g. some
     * orders of the batch read again in another form. Blocking, as the walk.
     */
    @FunctionalInterface
    public interface Lookup {
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> query(String sql, Tuple parameters) throws Exception;
    }

    /** As {@link Rows}, with the {@link Lookup} of the walk's connection. */
    @FunctionalInterface
    public interface RowsLookingUp {
        void accept(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> chunk, Lookup lookup) throws Exception;
    }

    /** The columns of a row, by index: money in fen, so that neither side decodes or formats a numeric. */
    public static final int ID = 0, PLATFORM = 1, EXTERNAL_ID = 2, CHANNEL = 3, QUANTITY = 4, UNIT_PRICE_FEN = 5,
            AMOUNT_FEN = 6, BUYER_PROVINCE = 7, STATUS = 8, PLACED_AT = 9, REFUNDED_AT = 10, PRICE_ALERT = 11,
            BUYER_TYPE = 12, CERTIFIED = 13, SESSION_ID = 14, PRODUCT_ID = 15, BUYER_REF = 16, ORIGIN_REGION_CODE = 17,
            STREAMER_ID = 18, PRODUCT_NAME = 19;
    private static final String COLUMNS = "o.id, o.platform, o.external_id, o.channel, o.quantity,"
            + " (o.unit_price * 100)::int8, (o.amount * 100)::int8, o.buyer_province, o.status, o.placed_at,"
            + " o.refunded_at, o.price_alert, o.buyer_type, o.certified, o.session_id, o.product_id, o.buyer_ref,"
            + " o.origin_region_code, o.streamer_id, p.name";

    /** The orders of the join below, narrowed as {@link OrderRepository#SCOPE} narrows sales_order. */
    private static final ScopeColumns SCOPE = new ScopeColumns(Visibility.ORDERS, "sales_order o",
            "o.origin_region_code", "o.streamer_id");

    private final Pool pool;

    public OrderExport(Pool pool) {
        this.pool = pool;
    }

    /** One chunk's statement and parameters. */
    public record Chunk(String sql, Tuple parameters) {
    }

    /**
     * What a walk selects: its select list over {@code sales_order o JOIN product p} (any parameter of its own bound
     * on the statement's {@link SqlWhere} as the list is written) and the indexes of the keyset's columns in it,
     * {@code o.placed_at} and {@code o.id}.
     */
    public record Selection(Function<SqlWhere, String> columns, int placedAt, int id) {
    }

    /** The orders' columns as {@link #rows(Scope, OrderFilter, int, Rows)} hands them over (the indexes above). */
    static final Selection COLUMNS_SELECTED = new Selection(where -> COLUMNS, PLACED_AT, ID);

    /**
     * The statement of the chunk of {@code size} rows after the row at (placedAt, id), or of the first when null.
     * {@code codes}: the origin regions the filter and the scope allow (null: any), resolved once per export.
     */
    static Chunk chunk(Scope scope, OrderFilter filter, String[] codes, int size, OffsetDateTime placedAt, Long id) {
        return chunk(scope, filter, codes, size, placedAt, id, COLUMNS_SELECTED);
    }

    static Chunk chunk(Scope scope, OrderFilter filter, String[] codes, int size, OffsetDateTime placedAt, Long id,
            Selection selection) {
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
            // the first condition lets the planner leave out the months after the last row (partitions of V13)
            where.all(n -> "o.placed_at <= $" + n + " AND (o.placed_at, o.id) < ($" + n + ", $" + (n + 1) + ")",
                    placedAt, id);
        }
        String columns = selection.columns().apply(where);
        String sql = "SELECT " + columns + " FROM sales_order o JOIN product p ON p.id = o.product_id" + where.sql()
                + " ORDER BY o.placed_at DESC, o.id DESC LIMIT $" + where.next();
        return new Chunk(sql, where.tuple(size));
    }

    /**
     * The codes of the regions in both the filter's subtree and the official's (as {@code RegionRepository.inSubtree}
     * reads them: none for an unknown code), or null when they do not narrow the orders: neither is given, or together
     * they hold every region (the municipality's official: every order's region is a region, a foreign key). A list of
     * the municipality's 1,559 codes cost ~100 ms of planning per statement on the partitioned table (PostgreSQL
     * estimates {@code = ANY} of the list for each month's partition) and a hashed look-up per row, for nothing.
     */
    static Uni<String[]> codes(SqlClient client, Scope scope, OrderFilter filter) {
        String region = filter == null ? null : filter.regionCode();
        String official = scope.official() ? scope.regionCode() : null;
        if (region == null && official == null) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery("SELECT coalesce(array_agg(code), '{}'), count(*) = (SELECT count(*) FROM region)"
                + " FROM region"
                + " WHERE ($1::text IS NULL OR path LIKE (SELECT path FROM region WHERE code = $1) || '%')"
                + " AND ($2::text IS NULL OR path LIKE (SELECT path FROM region WHERE code = $2) || '%')")
                .execute(Tuple.of(region, official)).map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getBoolean(1) ? null : row.getArrayOfStrings(0);
                });
    }

    /**
     * Every order the scope sees that matches the filter (as {@code orders(filter)} lists them), read by statements
     * of {@code size} rows, handed over in batches of at most {@link #FETCH}, each as an {@link Exported}.
     */
    public void read(Scope scope, OrderFilter filter, int size, Chunks chunks) throws Exception {
        rows(scope, filter, size, rows -> {
            List<Exported> exported = new ArrayList<>(rows.size());
            for (io.vertx.sqlclient.Row row : rows) {
                exported.add(new Exported(order(row), row.getString(PRODUCT_NAME), row.getString(ORIGIN_REGION_CODE),
                        row.getLong(STREAMER_ID)));
            }
            chunks.accept(exported);
        });
    }

    private static Order order(io.vertx.sqlclient.Row row) {
        return new Order(row.getLong(ID), row.getString(PLATFORM), row.getString(EXTERNAL_ID),
                Channel.valueOf(row.getString(CHANNEL)), row.getInteger(QUANTITY),
                BigDecimal.valueOf(row.getLong(UNIT_PRICE_FEN), 2), BigDecimal.valueOf(row.getLong(AMOUNT_FEN), 2),
                row.getString(BUYER_PROVINCE), OrderStatus.valueOf(row.getString(STATUS)), instant(row, PLACED_AT),
                instant(row, REFUNDED_AT), row.getBoolean(PRICE_ALERT), BuyerType.valueOf(row.getString(BUYER_TYPE)),
                row.getBoolean(CERTIFIED), row.getLong(SESSION_ID), row.getLong(PRODUCT_ID), row.getString(BUYER_REF));
    }

    private static Instant instant(io.vertx.sqlclient.Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /**
     * Every order the scope sees that matches the filter, by statements of {@code size} rows (a keyset walk), each
     * fetched and handed over in batches of at most {@link #FETCH}. The next batch is asked for before this one is
     * handed over, so the database and the decoding work while the caller writes; likewise the statement of the next
     * chunk is bound (from the last row of the current one) before the current one's last batch is handed over.
     */
    public void rows(Scope scope, OrderFilter filter, int size, Rows chunks) throws Exception {
        rows(scope, filter, size, COLUMNS_SELECTED, chunks);
    }

    /**
     * As {@link #rows(Scope, OrderFilter, int, Rows)}, each order's row as {@code selection} selects it (an export
     * that has PostgreSQL format its lines, e.g.).
     */
    public void rows(Scope scope, OrderFilter filter, int size, Selection selection, Rows chunks) throws Exception {
        rows(scope, filter, size, selection, (RowsLookingUp) (rows, lookup) -> chunks.accept(rows));
    }

    /**
     * As {@link #rows(Scope, OrderFilter, int, Selection, Rows)}, each batch handed over with a {@link Lookup} on the
     * walk's connection (its statements queue after the next batch's fetch, already asked for).
     */
    public void rows(Scope scope, OrderFilter filter, int size, Selection selection, RowsLookingUp chunks)
            throws Exception {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        .await().indefinitely();
                // the pool caches prepared statements: after five runs PostgreSQL may switch a chunk's statement to
                // a generic plan, which cannot see how many orders the codes hold and sorts the rest of the subtree
                // in every chunk (a second export of 1M orders took 15 s instead of 4)
                connection.query("SET LOCAL plan_cache_mode = force_custom_plan").execute().await().indefinitely();
                String[] codes = codes(connection, scope, filter).await().indefinitely();
                Lookup lookup = (sql, parameters) -> connection.preparedQuery(sql).execute(parameters).await()
                        .indefinitely().getDelegate();
                int fetch = Math.min(size, FETCH);
                CompletableFuture<Batch> next = open(connection, chunk(scope, filter, codes, size, null, null,
                        selection), fetch, Uni.createFrom().voidItem());
                // the statement whose rows are being read, until it is closed, its rows so far and the last one's key
                Portal current = null;
                int read = 0;
                OffsetDateTime lastPlacedAt = null;
                Long lastId = null;
                try {
                    while (next != null) {
                        Batch batch = await(next);
                        next = null;
                        if (batch.portal() != current) {
                            current = batch.portal();
                            read = 0;
                        }
                        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows = batch.rows();
                        read += rows.size();
                        io.vertx.sqlclient.Row last = null;
                        for (io.vertx.sqlclient.Row row : rows) {
                            last = row;
                        }
                        if (last != null) {
                            lastPlacedAt = last.getOffsetDateTime(selection.placedAt());
                            lastId = last.getLong(selection.id());
                        }
                        if (read == size) {
                            // the statement has given its LIMIT and there may be more: it is closed and the next one
                            // bound, planned and its first rows read while this batch is handed over (the pipeline
                            // does not stop between statements)
                            Chunk chunk = chunk(scope, filter, codes, size, lastPlacedAt, lastId, selection);
                            next = open(connection, chunk, fetch, current.close());
                            current = null;
                        } else if (current.cursor().hasMore()) {
                            next = more(current, fetch);
                        }
                        if (last != null) {
                            chunks.accept(rows, lookup);
                        }
                    }
                } finally {
                    // a statement being bound, or one still open: the caller stopped early, or the walk ended
                    if (next != null) {
                        try {
                            current = await(next).portal();
                        } catch (Exception ignored) {
                            // it failed: nothing of it is left open
                        }
                    }
                    if (current != null) {
                        current.close().await().indefinitely();
                    }
                }
            } finally {
                transaction.rollback().await().indefinitely();
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }

    /** A statement prepared for one chunk and its portal (cursor). */
    private record Portal(PreparedStatement statement, Cursor cursor) {
        Uni<Void> close() {
            return cursor.close().onItemOrFailure().transformToUni((ignored, failure) -> statement.close());
        }
    }

    /** A batch of rows read through a portal. */
    private record Batch(Portal portal, io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    }

    /** After {@code before}: the chunk's statement prepared, its portal opened and its first batch read. */
    private static CompletableFuture<Batch> open(SqlConnection connection, Chunk chunk, int fetch, Uni<Void> before) {
        return before.flatMap(ignored -> connection.prepare(chunk.sql())).flatMap(statement -> {
            Portal portal = new Portal(statement, statement.cursor(chunk.parameters()));
            return portal.cursor().read(fetch).map(rows -> new Batch(portal, rows.getDelegate()))
                    .onFailure().call(portal::close);
        }).subscribeAsCompletionStage();
    }

    /** The portal's next batch. */
    private static CompletableFuture<Batch> more(Portal portal, int fetch) {
        return portal.cursor().read(fetch).map(rows -> new Batch(portal, rows.getDelegate()))
                .subscribeAsCompletionStage();
    }

    private static Batch await(CompletableFuture<Batch> next) throws Exception {
        try {
            return next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

}
