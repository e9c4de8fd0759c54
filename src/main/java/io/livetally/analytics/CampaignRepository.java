package io.livetally.analytics;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads campaigns with plain SQL. */
@ApplicationScoped
public class CampaignRepository {

    private final Pool pool;

    public CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Campaign> find(long id) {
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, Campaign::from));
    }

    public Uni<Map<Long, Campaign>> findAll(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Campaign::from, Campaign::id));
    }

    /** Campaigns whose origin region lies in regionCode's subtree (all when null), latest start first. */
    public Uni<List<Campaign>> list(String regionCode) {
        SqlWhere filter = new SqlWhere().when(regionCode, n -> RegionRepository.inSubtree("origin_region_code", n));
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign" + filter.sql()
                        + " ORDER BY starts_on DESC, id DESC")
                .execute(filter.tuple()).map(rows -> Rows.list(rows, Campaign::from));
    }
}
