package io.livetally.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.catalog.Product;
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

/** Reads live sessions and their featured products with plain SQL. */
@ApplicationScoped
public class SessionRepository {

    static final String CURSOR = "session";
    private static final Keyset<LiveSession> PAGES = Keyset.newestFirst(CURSOR, "live_session", LiveSession.COLUMNS,
            "scheduled_start", LiveSession::from, LiveSession::scheduledStart, LiveSession::id);

    /** Sessions by the region they promote: an official's subtree; a host's own. */
    public static final ScopeColumns SCOPE = new ScopeColumns(Visibility.SESSIONS, "live_session", "region_code",
            "streamer_id");
    /** A session's featured products, as the catalogue's rows. */
    private static final ScopeColumns PRODUCTS = new ScopeColumns(Visibility.CATALOGUE,
            "live_session_product sp JOIN product p ON p.id = sp.product_id", "p.origin_region_code", null);

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<LiveSession> find(long id) {
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + " FROM live_session WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, LiveSession::from));
    }

    /** A session and the platform its host streams on (null when the host's row is missing). */
    public record OnPlatform(LiveSession session, String platform) {
    }

    /**
     * The session with its host's platform, in one round trip (null when there is no such session): what a platform's
     * viewer events need before they are counted, read for every batch.
     */
    public Uni<OnPlatform> findWithPlatform(long id) {
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + ", (SELECT platform FROM streamer"
                + " WHERE streamer.id = live_session.streamer_id) AS streamer_platform FROM live_session WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, row -> new OnPlatform(LiveSession.from(row), row.getString("streamer_platform"))));
    }

    /** The session (null when there is none); {@code forbidden} when it lies outside the scope. */
    public Uni<LiveSession> find(Scope scope, long id) {
        return SCOPE.find(pool, LiveSession.COLUMNS, id, LiveSession::from, scope);
    }

    /** The sessions by id; {@code forbidden} when any lies outside the scope. */
    public Uni<Map<Long, LiveSession>> findAll(Scope scope, Collection<Long> ids) {
        return findAll(null, scope, ids);
    }

    /** As {@link #findAll(Scope, Collection)}, through the given pool (null: the service's). */
    public Uni<Map<Long, LiveSession>> findAll(Pool through, Scope scope, Collection<Long> ids) {
        return SCOPE.find(through == null ? pool : through, LiveSession.COLUMNS, ids, LiveSession::from, scope)
                .map(list -> Rows.byKey(list, LiveSession::id));
    }

    /** Featured products of each session that the scope sees, in the host's order. */
    public Uni<Map<Long, List<Product>>> productsOf(Scope scope, Collection<Long> sessionIds) {
        SqlWhere where = PRODUCTS.narrow(new SqlWhere()
                .when(Rows.ids(sessionIds), n -> "sp.session_id = ANY($" + n + ")"), scope);
        return pool.preparedQuery("SELECT sp.session_id, p.id, p.name, p.category, p.unit_price, p.reference_price,"
                        + " p.listed, p.delist_reason, p.origin_region_code, p.supplier_id FROM " + PRODUCTS.table()
                        + where.sql() + " ORDER BY sp.session_id, sp.position")
                .execute(where.tuple())
                .map(rows -> Rows.groupBy(rows, sessionIds, row -> Map.entry(row.getLong("session_id"), Product.from(row)),
                        Map.Entry::getKey))
                .map(grouped -> {
                    Map<Long, List<Product>> result = new java.util.HashMap<>();
                    grouped.forEach((id, entries) -> result.put(id, entries.stream().map(Map.Entry::getValue).toList()));
                    return result;
                });
    }

    /** The LIVE sessions the scope sees promoting a region in regionCode's subtree (all when null). */
    public Uni<List<LiveSession>> live(Scope scope, String regionCode) {
        SqlWhere filter = SCOPE.narrow(new SqlWhere().condition("status = 'LIVE'")
                .when(regionCode, n -> RegionRepository.inSubtree("region_code", n)), scope);
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + " FROM live_session" + filter.sql()
                        + " ORDER BY started_at DESC, id DESC")
                .execute(filter.tuple()).map(rows -> Rows.list(rows, LiveSession::from));
    }

    /** A host's sessions that the scope sees, latest scheduled first. */
    public Uni<LiveSessionConnection> ofStreamer(Scope scope, long streamerId, SessionStatus status,
            PageRequest page) {
        SqlWhere filter = SCOPE.narrow(new SqlWhere().equal("streamer_id", streamerId)
                .equal("status", status == null ? null : status.name()), scope);
        return PAGES.page(pool, filter, page, LiveSessionEdge::new, LiveSessionConnection::new);
    }
}
