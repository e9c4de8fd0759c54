package io.livetally.analytics;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads campaigns with plain SQL. */
@ApplicationScoped
public class CampaignRepository {

    /** Campaigns by origin region: an official's subtree; not for hosts. */
    public static final ScopeColumns SCOPE = new ScopeColumns(Visibility.REGIONAL, "campaign", "origin_region_code",
            null);

    private final Pool pool;

    public CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    /** The campaign (null when there is none); {@code forbidden} when it lies outside the scope. */
    public Uni<Campaign> find(Scope scope, long id) {
        return SCOPE.find(pool, Campaign.COLUMNS, id, Campaign::from, scope);
    }

    public Uni<Map<Long, Campaign>> findAll(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Campaign::from, Campaign::id));
    }

    /** The campaigns the scope sees whose origin lies in regionCode's subtree (all when null), latest start first. */
    public Uni<List<Campaign>> list(Scope scope, String regionCode) {
        SqlWhere filter = SCOPE.narrow(new SqlWhere()
                .when(regionCode, n -> RegionRepository.inSubtree("origin_region_code", n)), scope);
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign" + filter.sql()
                        + " ORDER BY starts_on DESC, id DESC")
                .execute(filter.tuple()).map(rows -> Rows.list(rows, Campaign::from));
    }
}
