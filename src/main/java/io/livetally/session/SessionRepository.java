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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads live sessions and their featured products with plain SQL. */
@ApplicationScoped
public class SessionRepository {

    static final String CURSOR = "session";
    private static final Keyset<LiveSession> PAGES = Keyset.newestFirst(CURSOR, "live_session", LiveSession.COLUMNS,
            "scheduled_start", LiveSession::from, LiveSession::scheduledStart, LiveSession::id);

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<LiveSession> find(long id) {
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + " FROM live_session WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, LiveSession::from));
    }

    public Uni<Map<Long, LiveSession>> findAll(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + " FROM live_session WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, LiveSession::from, LiveSession::id));
    }

    /** Featured products of each session, in the host's order. */
    public Uni<Map<Long, List<Product>>> productsOf(Collection<Long> sessionIds) {
        return pool.preparedQuery("SELECT sp.session_id, p.id, p.name, p.category, p.unit_price, p.reference_price,"
                        + " p.listed, p.delist_reason, p.origin_region_code, p.supplier_id"
                        + " FROM live_session_product sp JOIN product p ON p.id = sp.product_id"
                        + " WHERE sp.session_id = ANY($1) ORDER BY sp.session_id, sp.position")
                .execute(Tuple.of(Rows.ids(sessionIds)))
                .map(rows -> Rows.groupBy(rows, sessionIds, row -> Map.entry(row.getLong("session_id"), Product.from(row)),
                        Map.Entry::getKey))
                .map(grouped -> {
                    Map<Long, List<Product>> result = new java.util.HashMap<>();
                    grouped.forEach((id, entries) -> result.put(id, entries.stream().map(Map.Entry::getValue).toList()));
                    return result;
                });
    }

    /** LIVE sessions promoting a region in regionCode's subtree (all when null), of one host when given. */
    public Uni<List<LiveSession>> live(String regionCode, Long streamerId) {
        SqlWhere filter = new SqlWhere().condition("status = 'LIVE'")
                .when(regionCode, n -> RegionRepository.inSubtree("region_code", n))
                .equal("streamer_id", streamerId);
        return pool.preparedQuery("SELECT " + LiveSession.COLUMNS + " FROM live_session" + filter.sql()
                        + " ORDER BY started_at DESC, id DESC")
                .execute(filter.tuple()).map(rows -> Rows.list(rows, LiveSession::from));
    }

    /** A host's sessions (those promoting regionCode's subtree when given), latest scheduled first. */
    public Uni<LiveSessionConnection> ofStreamer(long streamerId, SessionStatus status, String regionCode,
            PageRequest page) {
        SqlWhere filter = new SqlWhere().equal("streamer_id", streamerId)
                .equal("status", status == null ? null : status.name())
                .when(regionCode, n -> RegionRepository.inSubtree("region_code", n));
        return PAGES.page(pool, filter, page, LiveSessionEdge::new, LiveSessionConnection::new);
    }

    public Uni<Boolean> campaignExists(long campaignId) {
        return pool.preparedQuery("SELECT 1 FROM campaign WHERE id = $1").execute(Tuple.of(campaignId))
                .map(rows -> rows.size() > 0);
    }
}
