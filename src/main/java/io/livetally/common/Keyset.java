package io.livetally.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.livetally.common.PageRequest.ConnectionFactory;
import io.livetally.common.PageRequest.EdgeFactory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How one table's rows are paged as a Relay connection: their order (by id, or newest first by a time column
 * and id), the cursor that continues it, and the page read — the rows after the cursor, one more than asked to
 * learn whether another page follows, and {@code count(*)} of the filter only when {@code totalCount} is selected
 * (in the page's statement: both read one snapshot).
 */
public final class Keyset<T> {

    private static final String TOTAL = "keyset_total";

    private final String kind;
    private final String columns;
    private final String table;
    /** Null: ordered by id ascending; else newest first by this column, then id. */
    private final String timeColumn;
    private final Function<Row, T> mapper;
    private final Function<T, Instant> time;
    private final ToLongFunction<T> id;

    private Keyset(String kind, String table, String columns, String timeColumn, Function<Row, T> mapper,
            Function<T, Instant> time, ToLongFunction<T> id) {
        this.kind = kind;
        this.columns = columns;
        this.table = table;
        this.timeColumn = timeColumn;
        this.mapper = mapper;
        this.time = time;
        this.id = id;
    }

    /** Rows by id, ascending; cursors of {@code kind}. */
    public static <T> Keyset<T> byId(String kind, String table, String columns, Function<Row, T> mapper,
            ToLongFunction<T> id) {
        return new Keyset<>(kind, table, columns, null, mapper, null, id);
    }

    /** Rows newest first by {@code timeColumn} (ties by id, descending); cursors of {@code kind}. */
    public static <T> Keyset<T> newestFirst(String kind, String table, String columns, String timeColumn,
            Function<Row, T> mapper, Function<T, Instant> time, ToLongFunction<T> id) {
        return new Keyset<>(kind, table, columns, timeColumn, mapper, time, id);
    }

    /**
     * The page of the rows matching {@code filter} that {@code page} asks for. With {@code totalCount} the count is a
     * column of the page's own statement (an uncorrelated sub-select, run once): the page and its count read one
     * snapshot, so a client never sees a count that includes a row its page lacks, or the reverse (read as two
     * statements, a row committed between them was counted and not listed). Only a page past the end (a cursor
     * and no rows) has its count read on its own: that page lists nothing a count could contradict.
     */
    public <E, C> Uni<C> page(Pool pool, SqlWhere filter, PageRequest page, EdgeFactory<T, E> edge,
            ConnectionFactory<E, C> connection) {
        SqlWhere keyset = after(filter.copy(), page.after());
        String order = timeColumn == null ? " ORDER BY id" : " ORDER BY " + timeColumn + " DESC, id DESC";
        String counted = "SELECT count(*) FROM " + table + filter.sql();
        // the filter's parameters keep their numbers in the keyset's copy of it: the sub-select shares them
        String count = page.countTotal() ? ", (" + counted + ") AS " + TOTAL : "";
        return pool.preparedQuery("SELECT " + columns + count + " FROM " + table + keyset.sql() + order
                        + " LIMIT $" + keyset.next())
                .execute(keyset.tuple(page.fetchSize()))
                .chain(rows -> {
                    List<T> list = Rows.list(rows, mapper);
                    if (!page.countTotal()) {
                        return Uni.createFrom().item(page.connection(list, PageRequest.NOT_COUNTED, this::cursor,
                                edge, connection));
                    }
                    if (rows.size() > 0) {
                        return Uni.createFrom().item(page.connection(list, rows.iterator().next().getLong(TOTAL),
                                this::cursor, edge, connection));
                    }
                    if (page.after() == null) { // the first page is empty: nothing matches, in this snapshot
                        return Uni.createFrom().item(page.connection(list, 0L, this::cursor, edge, connection));
                    }
                    return pool.preparedQuery(counted).execute(filter.tuple())
                            .map(r -> page.connection(list, r.iterator().next().getLong(0), this::cursor, edge,
                                    connection));
                });
    }

    private SqlWhere after(SqlWhere where, Cursor after) {
        if (after == null) {
            return where;
        }
        if (timeColumn == null) {
            return where.when(after.id(), n -> "id > $" + n);
        }
        return where.all(n -> "(" + timeColumn + ", id) < ($" + n + ", $" + (n + 1) + ")",
                after.instant().atOffset(ZoneOffset.UTC), after.id());
    }

    private String cursor(T row) {
        return timeColumn == null ? Cursor.of(kind, id.applyAsLong(row))
                : Cursor.of(kind, time.apply(row), id.applyAsLong(row));
    }
}
