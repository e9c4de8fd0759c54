package io.livetally.order;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.BatchTooLargeException;
import io.livetally.common.DomainException;
import io.livetally.common.Rows;
import io.livetally.live.CountedOrder;
import io.livetally.live.LiveUpdates;
import io.livetally.order.OrderCandidate.OrderKey;
import io.livetally.order.OrderRules.NewOrder;
import io.livetally.order.OrderRules.ProductFacts;
import io.livetally.order.OrderRules.SessionFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The write path for orders: validate, insert idempotently on (platform, externalId), answer each
 * order as accepted, duplicate or rejected. A batch costs a fixed number of statements whatever its size.
 */
@ApplicationScoped
public class OrderIngest {

    public static final int MAX_BATCH = 1000;

    private static final String INSERT = "INSERT INTO sales_order (platform, external_id, channel, session_id,"
            + " streamer_id, product_id, origin_region_code, quantity, unit_price, amount, buyer_province, buyer_ref,"
            + " placed_at, price_alert)"
            + " SELECT p, e, c, s, st, pr, r, q, u::numeric, a::numeric, bp, br, t, al FROM unnest($1::text[],"
            + " $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::int[], $9::text[],"
            + " $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::boolean[])"
            + " AS t(p, e, c, s, st, pr, r, q, u, a, bp, br, t, al)"
            + " ON CONFLICT (platform, external_id) DO NOTHING RETURNING " + Order.COLUMNS;
    private static final String EXISTING = "SELECT " + Order.COLUMNS + " FROM sales_order"
            + " WHERE (platform, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))";
    private static final String PRODUCTS = "SELECT p.id, p.listed, p.reference_price, p.origin_region_code,"
            + " p.supplier_id, s.blacklisted FROM product p JOIN supplier s ON s.id = p.supplier_id"
            + " WHERE p.id = ANY($1)";
    private static final String SESSIONS = "SELECT ls.id, ls.status, ls.started_at, ls.ended_at, ls.streamer_id,"
            + " array(SELECT sp.product_id FROM live_session_product sp WHERE sp.session_id = ls.id) AS product_ids"
            + " FROM live_session ls WHERE ls.id = ANY($1)";

    private final Pool pool;
    private final LiveUpdates live;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    public OrderIngest(Pool pool, LiveUpdates live, MeterRegistry registry) {
        this.pool = pool;
        this.live = live;
        this.accepted = outcomeCounter(registry, "accepted");
        this.duplicates = outcomeCounter(registry, "duplicate");
        this.rejected = outcomeCounter(registry, "rejected");
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("livetally.orders.ingested").tag("outcome", outcome)
                .description("Orders received by recordOrder(s), by outcome").register(registry);
    }

    /** One order: its receipt, or its rejection as the GraphQL error. */
    public Uni<OrderReceipt> record(OrderInput input) {
        return ingest(List.of(input)).map(outcomes -> outcomes.get(0).receipt());
    }

    /** Up to {@value #MAX_BATCH} orders, each accepted, duplicate or rejected on its own. */
    public Uni<BatchReceipt> record(List<OrderInput> inputs) {
        if (inputs.size() > MAX_BATCH) {
            throw new BatchTooLargeException(inputs.size(), MAX_BATCH);
        }
        return ingest(inputs).map(outcomes -> {
            int accepted = 0;
            int duplicates = 0;
            List<RejectedOrder> rejected = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i);
                if (outcome.rejection() != null) {
                    DomainException why = outcome.rejection();
                    rejected.add(new RejectedOrder(i, inputs.get(i).externalId(), why.code() + ": " + why.getMessage()));
                } else if (outcome.duplicate()) {
                    duplicates++;
                } else {
                    accepted++;
                }
            }
            return new BatchReceipt(accepted, duplicates, rejected);
        });
    }

    /** What happened to one input. */
    record Outcome(Order order, boolean duplicate, DomainException rejection) {

        static Outcome rejected(DomainException why) {
            return new Outcome(null, false, why);
        }

        OrderReceipt receipt() {
            if (rejection != null) {
                throw rejection;
            }
            return new OrderReceipt(order, duplicate);
        }
    }

    private Uni<List<Outcome>> ingest(List<OrderInput> inputs) {
        Instant now = Instant.now();
        Outcome[] outcomes = new Outcome[inputs.size()];
        // First occurrence of each key in the batch; later ones are answered from it.
        Map<OrderKey, Integer> firstIndex = new LinkedHashMap<>();
        Map<Integer, OrderCandidate> candidates = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                OrderCandidate candidate = OrderCandidate.of(inputs.get(i), now);
                candidates.put(i, candidate);
                firstIndex.putIfAbsent(candidate.key(), i);
            } catch (DomainException e) {
                outcomes[i] = Outcome.rejected(e);
            }
        }
        List<OrderCandidate> firsts = firstIndex.values().stream().map(candidates::get).toList();
        return existing(firsts.stream().map(OrderCandidate::key).toList())
                .chain(stored -> {
                    List<OrderCandidate> fresh = new ArrayList<>();
                    for (OrderCandidate candidate : firsts) {
                        Order order = stored.get(candidate.key());
                        if (order == null) {
                            fresh.add(candidate);
                        } else {
                            outcomes[firstIndex.get(candidate.key())] = replay(candidate, order);
                        }
                    }
                    return validateAndInsert(fresh, now, outcomes, firstIndex);
                })
                .map(ignored -> {
                    candidates.forEach((index, candidate) -> {
                        int first = firstIndex.get(candidate.key());
                        if (first != index) {
                            outcomes[index] = repeatInBatch(candidate, candidates.get(first), outcomes[first]);
                        }
                    });
                    return List.of(outcomes);
                })
                .call(this::countLive)
                .invoke(this::countOutcomes);
    }

    /** After the commit, only new orders of a session reach the live counters: a replay never does. */
    private Uni<Void> countLive(List<Outcome> outcomes) {
        List<CountedOrder> recorded = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Outcome outcome : outcomes) {
            Order order = outcome.order();
            if (order != null && !outcome.duplicate() && order.sessionId() != null && seen.add(order.id())) {
                recorded.add(new CountedOrder(order.id(), order.sessionId(), order.productId(), order.quantity(),
                        order.amount(), order.placedAt(), order.buyerRef()));
            }
        }
        return live.ordersRecorded(recorded);
    }

    private void countOutcomes(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            (outcome.rejection() != null ? rejected : outcome.duplicate() ? duplicates : accepted).increment();
        }
    }

    private Uni<Void> validateAndInsert(List<OrderCandidate> fresh, Instant now, Outcome[] outcomes,
            Map<OrderKey, Integer> firstIndex) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all()
                .unis(products(fresh.stream().map(OrderCandidate::productId).collect(Collectors.toSet())),
                        sessions(fresh.stream().map(OrderCandidate::sessionId).filter(id -> id != null)
                                .collect(Collectors.toSet())))
                .asTuple()
                .chain(facts -> {
                    List<NewOrder> valid = new ArrayList<>();
                    for (OrderCandidate candidate : fresh) {
                        try {
                            valid.add(OrderRules.check(candidate, facts.getItem1(), facts.getItem2(), now));
                        } catch (DomainException e) {
                            outcomes[firstIndex.get(candidate.key())] = Outcome.rejected(e);
                        }
                    }
                    return insert(valid);
                })
                .chain(inserted -> {
                    List<OrderCandidate> raced = new ArrayList<>();
                    for (OrderCandidate candidate : fresh) {
                        int index = firstIndex.get(candidate.key());
                        if (outcomes[index] != null) {
                            continue;
                        }
                        Order order = inserted.get(candidate.key());
                        if (order != null) {
                            outcomes[index] = new Outcome(order, false, null);
                        } else {
                            raced.add(candidate);
                        }
                    }
                    // Another request recorded the same key between our look-up and our insert.
                    return raced.isEmpty() ? Uni.createFrom().voidItem()
                            : existing(raced.stream().map(OrderCandidate::key).toList()).invoke(stored -> raced
                                    .forEach(c -> outcomes[firstIndex.get(c.key())] = replay(c, stored.get(c.key()))))
                                    .replaceWithVoid();
                });
    }

    private static Outcome replay(OrderCandidate candidate, Order stored) {
        return candidate.samePayload(stored) ? new Outcome(stored, true, null)
                : Outcome.rejected(new OrderRejectedException.IdempotencyConflict(candidate.platform(),
                        candidate.externalId()));
    }

    private static Outcome repeatInBatch(OrderCandidate repeat, OrderCandidate first, Outcome firstOutcome) {
        if (!repeat.samePayload(first)) {
            return Outcome.rejected(new OrderRejectedException.IdempotencyConflict(repeat.platform(),
                    repeat.externalId()));
        }
        return firstOutcome.rejection() != null ? firstOutcome : new Outcome(firstOutcome.order(), true, null);
    }

    private Uni<Map<OrderKey, Order>> insert(List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = orders.size();
        String[] platform = new String[n], externalId = new String[n], channel = new String[n], region = new String[n];
        String[] unitPrice = new String[n], amount = new String[n], province = new String[n], buyer = new String[n];
        Long[] session = new Long[n], streamer = new Long[n], product = new Long[n];
        Integer[] quantity = new Integer[n];
        java.time.OffsetDateTime[] placedAt = new java.time.OffsetDateTime[n];
        Boolean[] alert = new Boolean[n];
        for (int i = 0; i < n; i++) {
            NewOrder order = orders.get(i);
            OrderCandidate c = order.candidate();
            platform[i] = c.platform();
            externalId[i] = c.externalId();
            channel[i] = c.channel().name();
            session[i] = c.sessionId();
            streamer[i] = order.streamerId();
            product[i] = c.productId();
            region[i] = order.originRegionCode();
            quantity[i] = c.quantity();
            unitPrice[i] = c.unitPrice().toPlainString();
            amount[i] = c.amount().toPlainString();
            province[i] = c.buyerProvince();
            buyer[i] = c.buyerRef();
            placedAt[i] = c.placedAt().atOffset(ZoneOffset.UTC);
            alert[i] = order.priceAlert();
        }
        Tuple parameters = Tuple.from(new Object[] {platform, externalId, channel, session, streamer, product, region,
                quantity, unitPrice, amount, province, buyer, placedAt, alert});
        return pool.preparedQuery(INSERT).execute(parameters)
                .map(rows -> Rows.byKey(rows, Order::from, OrderIngest::key));
    }

    private Uni<Map<OrderKey, Order>> existing(Collection<OrderKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] platforms = keys.stream().map(OrderKey::platform).toArray(String[]::new);
        String[] externalIds = keys.stream().map(OrderKey::externalId).toArray(String[]::new);
        return pool.preparedQuery(EXISTING).execute(Tuple.of(platforms, externalIds))
                .map(rows -> Rows.byKey(rows, Order::from, OrderIngest::key));
    }

    private Uni<Map<Long, ProductFacts>> products(Set<Long> ids) {
        return pool.preparedQuery(PRODUCTS).execute(Tuple.of(Rows.ids(ids)))
                .map(rows -> Rows.byKey(rows, row -> new ProductFacts(row.getLong("id"), row.getBoolean("listed"),
                        row.getBigDecimal("reference_price"), row.getString("origin_region_code"),
                        row.getLong("supplier_id"), row.getBoolean("blacklisted")), ProductFacts::id));
    }

    private Uni<Map<Long, SessionFacts>> sessions(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SESSIONS).execute(Tuple.of(Rows.ids(ids)))
                .map(rows -> Rows.byKey(rows, row -> new SessionFacts(row.getLong("id"), row.getString("status"),
                        Rows.instant(row, "started_at"), Rows.instant(row, "ended_at"), row.getLong("streamer_id"),
                        Set.of(row.getArrayOfLongs("product_ids"))), SessionFacts::id));
    }

    private static OrderKey key(Order order) {
        return new OrderKey(order.platform(), order.externalId());
    }
}
