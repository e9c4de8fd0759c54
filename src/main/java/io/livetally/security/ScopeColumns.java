package io.livetally.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a table (or a join, its columns qualified) keeps what a {@link Scope} is judged by: the column of its rows'
 * region and the column of their host (null when the family is not owned by hosts). Repositories narrow lists with {@link #narrow}, and read single rows
 * and batches with an {@link #inScope} flag, refused as a whole when any row is outside.
 */
public record ScopeColumns(Visibility visibility, String table, String region, String host) {

    /** The column the flag of {@link #inScope} is selected as. */
    public static final String FLAG = "in_scope";

    /** {@code where} narrowed to the rows the scope sees; {@code forbidden} when it sees none of this family. */
    public SqlWhere narrow(SqlWhere where, Scope scope) {
        if (scope.admin() || scope.host() && visibility.host == Visibility.HostSees.ALL) {
            return where;
        }
        if (scope.official()) {
            return where.when(scope.regionCode(), n -> RegionRepository.inSubtree(region, n));
        }
        if (scope.host() && visibility.host == Visibility.HostSees.OWN) {
            return where.equal(host, scope.streamerId());
        }
        throw visibility.refusal(scope);
    }

    /** A select-list item {@code … AS in_scope}, its parameter bound on {@code where}: whether the row is the scope's. */
    public String inScope(SqlWhere where, Scope scope) {
        String flag;
        if (scope.admin() || scope.host() && visibility.host == Visibility.HostSees.ALL) {
            flag = "true";
        } else if (scope.official()) {
            flag = RegionRepository.inSubtree(region, where.bind(scope.regionCode()));
        } else if (scope.host() && visibility.host == Visibility.HostSees.OWN) {
            flag = host + " = $" + where.bind(scope.streamerId());
        } else {
            flag = "false";
        }
        return flag + " AS " + FLAG;
    }

    /** The rows whose id is one of {@code ids} (in no order), {@code forbidden} when any lies outside the scope. */
    public <T> Uni<List<T>> find(SqlClient client, String columns, Collection<Long> ids, Function<Row, T> mapper,
            Scope scope) {
        SqlWhere where = new SqlWhere().when(Rows.ids(ids), n -> "id = ANY($" + n + ")");
        String flag = inScope(where, scope);
        return client.preparedQuery("SELECT " + columns + ", " + flag + " FROM " + table + where.sql())
                .execute(where.tuple()).map(rows -> visible(rows, mapper, scope));
    }

    /** The row of {@code id} (null when there is none), {@code forbidden} when it lies outside the scope. */
    public <T> Uni<T> find(SqlClient client, String columns, long id, Function<Row, T> mapper, Scope scope) {
        return find(client, columns, List.of(id), mapper, scope).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The rows read with {@link #inScope}; {@code forbidden} when any lies outside the scope. */
    public <T> List<T> visible(RowSet<Row> rows, Function<Row, T> mapper, Scope scope) {
        List<T> result = new java.util.ArrayList<>(rows.size());
        for (Row row : rows) {
            if (!Boolean.TRUE.equals(row.getBoolean(FLAG))) {
                throw visibility.refusal(scope);
            }
            result.add(mapper.apply(row));
        }
        return result;
    }
}
