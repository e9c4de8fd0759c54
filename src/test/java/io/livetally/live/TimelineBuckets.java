package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A session's timeline, read from {@code LiveSession.timeline} or computed by SQL from {@code sales_order}. */
final class TimelineBuckets {

    record Bucket(Instant start, BigDecimal gmv, BigDecimal netGmv, int orderCount) {
    }

    private static final String TIMELINE = """
            query($id: ID!, $granularity: Granularity!) {
              session(id: $id) { timeline(granularity: $granularity) { start gmv netGmv orderCount } }
            }""";
    private static final String MINUTES = """
            SELECT date_trunc('minute', placed_at) AS start, sum(amount) AS gmv,
                   sum(amount) - coalesce(sum(amount) FILTER (WHERE status = 'REFUNDED'), 0) AS net,
                   count(*) AS orders
            FROM sales_order WHERE session_id = $1 GROUP BY 1 ORDER BY 1""";

    private TimelineBuckets() {
    }

    static List<Bucket> of(String session, String granularity) {
        List<Map<String, Object>> timeline = data(TIMELINE, Map.of("id", session, "granularity", granularity))
                .getList("session.timeline");
        return timeline.stream().map(bucket -> new Bucket(Instant.parse((String) bucket.get("start")),
                (BigDecimal) bucket.get("gmv"), (BigDecimal) bucket.get("netGmv"),
                ((Number) bucket.get("orderCount")).intValue())).toList();
    }

    /** The session's orders per minute, refunds lowering netGmv in the minute the order was placed. */
    static List<Bucket> minutesInPostgres(Pool pool, String session) {
        List<Bucket> buckets = new ArrayList<>();
        pool.preparedQuery(MINUTES).execute(Tuple.of(Long.valueOf(session))).await().indefinitely()
                .forEach(row -> buckets.add(new Bucket(row.getOffsetDateTime("start").toInstant(),
                        row.getBigDecimal("gmv"), row.getBigDecimal("net"), row.getInteger("orders"))));
        return buckets;
    }
}
