package io.livetally.streamer;

import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Keyset;
import io.livetally.common.PageRequest;
import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads hosts with plain SQL. */
@ApplicationScoped
public class StreamerRepository {

    static final String CURSOR = "streamer";
    private static final Keyset<Streamer> PAGES = Keyset.byId(CURSOR, "streamer", Streamer.COLUMNS, Streamer::from,
            Streamer::id);

    /** Hosts by home region: an official's subtree; a host sees itself. */
    public static final ScopeColumns SCOPE = new ScopeColumns(Visibility.STREAMERS, "streamer", "home_region_code", "id");

    private final Pool pool;

    public StreamerRepository(Pool pool) {
        this.pool = pool;
    }

    /** The host (null when there is none); {@code forbidden} when it lies outside the scope. */
    public Uni<Streamer> find(Scope scope, long id) {
        return SCOPE.find(pool, Streamer.COLUMNS, id, Streamer::from, scope);
    }

    public Uni<Streamer> find(long id) {
        return pool.preparedQuery("SELECT " + Streamer.COLUMNS + " FROM streamer WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, Streamer::from));
    }

    public Uni<Map<Long, Streamer>> findAll(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Streamer.COLUMNS + " FROM streamer WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Streamer::from, Streamer::id));
    }

    public Uni<Boolean> handleTaken(String platform, String handle) {
        return pool.preparedQuery("SELECT 1 FROM streamer WHERE platform = $1 AND handle = $2")
                .execute(Tuple.of(platform, handle)).map(rows -> rows.size() > 0);
    }

    /** The hosts the scope sees whose home region lies in regionCode's subtree (all when null), by id. */
    public Uni<StreamerConnection> page(Scope scope, String regionCode, PageRequest page) {
        SqlWhere filter = SCOPE.narrow(new SqlWhere()
                .when(regionCode, n -> RegionRepository.inSubtree("home_region_code", n)), scope);
        return PAGES.page(pool, filter, page, StreamerEdge::new, StreamerConnection::new);
    }
}
