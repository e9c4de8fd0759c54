package io.livetally.analytics;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.ReadReplica;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sales of every host or product of a region's subtree over a period, in one statement, for rankings
 * ({@code sql/analytics/ranking.sql}).
 */
@ApplicationScoped
class RankingRepository {

    private static final Map<SalesOf, String> SQL = SalesOf.statements("analytics/ranking.sql");

    private final ReadReplica reads;

    RankingRepository(ReadReplica reads) {
        this.reads = reads;
    }

    /** Sales by host or product id (slot 1) of the orders originating in the region (null code and path: all). */
    Uni<Tallies> tally(SalesOf of, String regionCode, String regionPath, List<Piece> pieces, boolean wideRaw) {
        Object[] parameters = Queries.concat(Queries.pieces(List.of(pieces)), regionCode == null ? "*" : regionCode,
                regionPath == null ? "/" : regionPath, wideRaw);
        return reads.forAnalytics().preparedQuery(SQL.get(of)).execute(Tuple.from(parameters))
                .map(rows -> Tallies.of(rows, "id", null));
    }
}
