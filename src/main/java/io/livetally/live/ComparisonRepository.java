package io.livetally.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlFiles;
import io.livetally.session.LiveSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Each session's comparison with the same host's previous session, from PostgreSQL, one query for a batch. */
@ApplicationScoped
public class ComparisonRepository {

    private static final String COMPARISON = SqlFiles.load("live/session_comparison.sql",
            Map.of("SESSION_COLUMNS", LiveSession.COLUMNS));

    private final Pool pool;

    public ComparisonRepository(Pool pool) {
        this.pool = pool;
    }

    /** By session id; a session not yet started, or whose host has no earlier ENDED session, is absent. */
    public Uni<Map<Long, SessionComparison>> of(Collection<Long> sessionIds, Instant now) {
        return pool.preparedQuery(COMPARISON).execute(Tuple.of(Rows.ids(sessionIds), now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<Long, SessionComparison> comparisons = new HashMap<>();
                    rows.forEach(row -> comparisons.put(row.getLong("current_id"), comparison(row)));
                    return comparisons;
                });
    }

    private static SessionComparison comparison(Row row) {
        Long unique = row.getLong("unique_viewers_then");
        return new SessionComparison(LiveSession.from(row), row.getInteger("at_minute"), row.getBigDecimal("gmv_then"),
                Math.toIntExact(row.getLong("orders_then")), unique == null ? null : Math.toIntExact(unique));
    }
}
