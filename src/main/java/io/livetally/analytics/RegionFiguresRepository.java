package io.livetally.analytics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.ReadReplica;
import io.livetally.region.Region;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Catalogue figures of region subtrees: listed products, certified suppliers, households they report. */
@ApplicationScoped
class RegionFiguresRepository {

    private static final String SUBTREES = "SELECT k.code, rg.code AS member FROM unnest($1::text[], $2::text[])"
            + " AS k (code, path) JOIN region rg ON " + Queries.subtreeRange("rg.path", "k.path");

    private static final String PRODUCTS = "SELECT s.code, count(p.id) AS n FROM (" + SUBTREES + ") s"
            + " JOIN product p ON p.origin_region_code = s.member AND p.listed GROUP BY s.code";

    /** Suppliers that are certified and not blacklisted count, with the households they report. */
    private static final String SUPPLIERS = "SELECT s.code, count(su.id) AS n,"
            + " sum(su.households_benefited) AS households"
            + " FROM (" + SUBTREES + ") s JOIN supplier su ON su.region_code = s.member"
            + " AND su.certified AND NOT su.blacklisted GROUP BY s.code";

    private final ReadReplica reads;

    RegionFiguresRepository(ReadReplica reads) {
        this.reads = reads;
    }

    Uni<List<Integer>> productCounts(List<Region> regions) {
        return figure(PRODUCTS, regions, "n");
    }

    Uni<List<Integer>> supplierCounts(List<Region> regions) {
        return figure(SUPPLIERS, regions, "n");
    }

    Uni<List<Integer>> householdsBenefited(List<Region> regions) {
        return figure(SUPPLIERS, regions, "households");
    }

    private Uni<List<Integer>> figure(String sql, List<Region> regions, String column) {
        return reads.forAnalytics().preparedQuery(sql)
                .execute(Tuple.of(regions.stream().map(Region::code).toArray(String[]::new),
                        regions.stream().map(Region::path).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> byCode = new HashMap<>();
                    for (Row row : rows) {
                        byCode.put(row.getString("code"), Math.toIntExact(row.getLong(column)));
                    }
                    return regions.stream().map(r -> byCode.getOrDefault(r.code(), 0)).toList();
                });
    }
}
