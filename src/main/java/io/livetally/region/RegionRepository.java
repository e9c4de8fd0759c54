package io.livetally.region;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.livetally.common.Ids;
import io.livetally.common.NotFoundException;
import io.livetally.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the region tree (regions are loaded by migrations, not written through the API). */
@ApplicationScoped
public class RegionRepository {

    private final Pool pool;

    public RegionRepository(Pool pool) {
        this.pool = pool;
    }

    /** GB/T 2260 codes are 6 to 12 digits: anything else names no region (and never reaches SQL). */
    static boolean isCode(String code) {
        return Ids.isRegionCode(code);
    }

    public Uni<Region> find(String code) {
        return find(pool, code);
    }

    /** The region, read on {@code client} (a write's transaction). */
    public Uni<Region> find(SqlClient client, String code) {
        if (!isCode(code)) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery("SELECT " + Region.COLUMNS + " FROM region WHERE code = $1")
                .execute(Tuple.of(code))
                .map(rows -> Rows.first(rows, Region::from));
    }

    /** The region of {@code code}, or the tree's root (the municipality) when code is null; null when there is none. */
    public Uni<Region> findOrRoot(String code) {
        return code != null ? find(code)
                : list(null, RegionLevel.MUNICIPALITY).map(roots -> roots.isEmpty() ? null : roots.get(0));
    }

    /** The region, read on {@code client}, or a {@code not-found} error naming the argument. */
    public Uni<Region> require(SqlClient client, String argument, String code) {
        return find(client, code).onItem().ifNull().failWith(() -> missing(argument, code));
    }

    /** The region's code, read on a Hibernate Reactive session (a write's transaction), or {@code not-found}. */
    public Uni<String> require(Mutiny.Session session, String argument, String code) {
        Uni<String> found = !isCode(code) ? Uni.createFrom().nullItem()
                : session.createNativeQuery("SELECT code FROM region WHERE code = :code", String.class)
                        .setParameter("code", code).getSingleResultOrNull();
        return found.onItem().ifNull().failWith(() -> missing(argument, code));
    }

    private static NotFoundException missing(String argument, String code) {
        return new NotFoundException(argument + ": region " + code + " does not exist");
    }

    public Uni<Map<String, Region>> findAll(Collection<String> codes) {
        return findAll(null, codes);
    }

    /** As {@link #findAll(Collection)}, through the given pool (null: the service's). */
    public Uni<Map<String, Region>> findAll(Pool through, Collection<String> codes) {
        Set<String> distinct = Set.copyOf(codes.stream().filter(c -> c != null).toList());
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return (through == null ? pool : through).preparedQuery("SELECT " + Region.COLUMNS + " FROM region WHERE code = ANY($1)")
                .execute(Tuple.of(distinct.toArray(String[]::new)))
                .map(rows -> Rows.byKey(rows, Region::from, Region::code));
    }

    public Uni<Map<String, List<Region>>> childrenOf(Collection<String> codes) {
        return pool.preparedQuery("SELECT " + Region.COLUMNS + " FROM region WHERE parent_code = ANY($1) ORDER BY code")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> Rows.groupBy(rows, codes, Region::from, Region::parentCode));
    }

    public Uni<List<Region>> list(String parentCode, RegionLevel level) {
        if (parentCode != null && !isCode(parentCode)) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT " + Region.COLUMNS + " FROM region"
                + " WHERE ($1::text IS NULL OR parent_code = $1) AND ($2::text IS NULL OR level = $2) ORDER BY code")
                .execute(Tuple.of(parentCode, level == null ? null : level.name()))
                .map(rows -> Rows.list(rows, Region::from));
    }

    /**
     * SQL condition "column holds a region in the subtree of the region whose code is parameter
     * {@code $n}" (the region itself included); false for an unknown code. The subtree's codes come from the STABLE
     * function {@code region_subtree_codes} (R__analytics_functions.sql), which the planner evaluates when it plans
     * with the parameter's value: it then knows how many orders the subtree holds (a village's: a few hundred, so
     * its page is read by region, not by walking every order by time).
     */
    public static String inSubtree(String column, int parameter) {
        return column + " IN (SELECT unnest(region_subtree_codes($" + parameter + ")))";
    }
}
