package io.livetally.order;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlFiles;
import io.livetally.order.OrderRules.ProductFacts;
import io.livetally.order.OrderRules.SessionFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the rules need to judge a batch — its products (listed? supplier blacklisted? reference
 * price), its sessions (status, live window, host) and which of its products each session
 * features — read in one statement for the whole batch.
 */
@ApplicationScoped
public class OrderFacts {

    private static final String FACTS = SqlFiles.load("order/order_facts.sql");

    private final Pool pool;

    public OrderFacts(Pool pool) {
        this.pool = pool;
    }

    /** Facts of a batch: products by id, sessions by id (each knowing which of the batch's products it features). */
    record Facts(Map<Long, ProductFacts> products, Map<Long, SessionFacts> sessions) {

        static final Facts NONE = new Facts(Map.of(), Map.of());

        Set<Long> endedSessions() {
            Set<Long> ended = new HashSet<>();
            sessions.values().forEach(s -> {
                if ("ENDED".equals(s.status())) {
                    ended.add(s.id());
                }
            });
            return ended;
        }
    }

    Uni<Facts> of(Collection<OrderCandidate> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Facts.NONE);
        }
        Set<java.util.List<Long>> pairs = new HashSet<>();
        orders.forEach(o -> pairs.add(java.util.Arrays.asList(o.productId(), o.sessionId())));
        Long[] products = pairs.stream().map(p -> p.get(0)).toArray(Long[]::new);
        Long[] sessions = pairs.stream().map(p -> p.get(1)).toArray(Long[]::new);
        return pool.preparedQuery(FACTS).execute(Tuple.of(products, sessions)).map(rows -> {
            Map<Long, ProductFacts> productFacts = new HashMap<>();
            Map<Long, Row> sessionRows = new HashMap<>();
            Map<Long, Set<Long>> featured = new HashMap<>();
            for (Row row : rows) {
                long productId = row.getLong("product_id");
                if (row.getString("origin_region_code") != null) {
                    productFacts.put(productId, new ProductFacts(productId, row.getBoolean("listed"),
                            row.getBigDecimal("reference_price"), row.getString("origin_region_code"),
                            row.getLong("supplier_id"), row.getBoolean("blacklisted"), row.getBoolean("certified")));
                }
                Long sessionId = row.getLong("session_id");
                if (sessionId != null && row.getString("status") != null) {
                    sessionRows.put(sessionId, row);
                    Set<Long> sessionProducts = featured.computeIfAbsent(sessionId, id -> new HashSet<>());
                    if (row.getBoolean("featured")) {
                        sessionProducts.add(productId);
                    }
                }
            }
            Map<Long, SessionFacts> sessionFacts = new HashMap<>();
            sessionRows.forEach((id, row) -> sessionFacts.put(id, new SessionFacts(id, row.getString("status"),
                    instant(row, "started_at"), instant(row, "ended_at"), row.getLong("streamer_id"), featured.get(id))));
            return new Facts(productFacts, sessionFacts);
        });
    }

    private static Instant instant(Row row, String column) {
        return Rows.instant(row, column);
    }
}
