package io.livetally.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.livetally.common.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Materialised region paths ('/500000/500236/500236110/'), cached: a region's path never changes
 * (regions come from migrations), so subtree checks cost a map look-up after the first.
 */
@ApplicationScoped
public class RegionPaths {

    private final Pool pool;
    private final Map<String, String> paths = new ConcurrentHashMap<>();

    public RegionPaths(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reads the paths of regions not cached yet: on the pool, or on a write's own connection or Hibernate Reactive
     * session, so that its checks never take a second connection.
     */
    @FunctionalInterface
    public interface Reader {

        /** Code → path of those of {@code codes} that exist. */
        Uni<Map<String, String>> paths(List<String> codes);
    }

    /** Reads on {@code client}: the pool, or a write's connection of the reactive pg client. */
    public static Reader on(SqlClient client) {
        return codes -> client.preparedQuery("SELECT code, path FROM region WHERE code = ANY($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(row.getString("code"), row.getString("path"));
                    }
                    return found;
                });
    }

    /** Reads on a Hibernate Reactive session (a catalogue or host write's transaction). */
    public static Reader on(Mutiny.Session session) {
        return codes -> session.createNativeQuery("SELECT code, path FROM region WHERE code IN (:codes)",
                        Object[].class)
                .setParameter("codes", codes).getResultList()
                .map(rows -> {
                    Map<String, String> found = new HashMap<>();
                    for (Object[] row : rows) {
                        found.put((String) row[0], (String) row[1]);
                    }
                    return found;
                });
    }

    /**
     * The paths of the codes that exist (unknown codes are missing from the map). A string that cannot be a
     * code (a NUL in it would fail the statement) is unknown without asking the database.
     */
    public Uni<Map<String, String>> of(Collection<String> codes) {
        return of(on(pool), codes);
    }

    /** {@link #of(Collection)}, a code not cached yet read by {@code reader} (a write's transaction). */
    public Uni<Map<String, String>> of(Reader reader, Collection<String> codes) {
        List<String> missing = codes.stream().filter(code -> Ids.isRegionCode(code) && !paths.containsKey(code))
                .distinct().toList();
        Uni<Void> loaded = missing.isEmpty() ? Uni.createFrom().voidItem()
                : reader.paths(missing).invoke(paths::putAll).replaceWithVoid();
        return loaded.map(ignored -> {
            Map<String, String> found = new HashMap<>();
            codes.stream().filter(code -> code != null && paths.containsKey(code))
                    .forEach(code -> found.put(code, paths.get(code)));
            return found;
        });
    }

    /** Whether every code lies in root's subtree (root included); false when root or a code is unknown. */
    public Uni<Boolean> allWithin(String root, Collection<String> codes) {
        return allWithin(on(pool), root, codes);
    }

    /** {@link #allWithin(String, Collection)}, a code not cached yet read by {@code reader}. */
    public Uni<Boolean> allWithin(Reader reader, String root, Collection<String> codes) {
        List<String> all = new java.util.ArrayList<>(codes);
        all.add(root);
        return of(reader, all).map(found -> {
            String rootPath = found.get(root);
            return rootPath != null && codes.stream().allMatch(code -> {
                String path = found.get(code);
                return path != null && path.startsWith(rootPath);
            });
        });
    }
}
