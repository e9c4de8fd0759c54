package io.livetally.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.alert.PriceGougingAlerts;
import io.livetally.common.BatchTooLargeException;
import io.livetally.common.DomainException;
import io.livetally.live.CountedOrder;
import io.livetally.live.LiveUpdates;
import io.livetally.order.OrderCandidate.OrderKey;
import io.livetally.order.OrderFacts.Facts;
import io.livetally.order.OrderRules.NewOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The write path for orders: check, insert idempotently on (platform, externalId), answer each
 * order as accepted, duplicate or rejected, then tell the live counters. A batch of any size costs
 * two statements (its facts, its insert) plus one look-up when some keys were already stored.
 */
@ApplicationScoped
public class OrderIngest {

    public static final int MAX_BATCH = 1000;

    private final OrderFacts facts;
    private final OrderStore store;
    private final LiveUpdates live;
    private final PriceGougingAlerts gouging;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    public OrderIngest(OrderFacts facts, OrderStore store, LiveUpdates live, PriceGougingAlerts gouging,
            MeterRegistry registry) {
        this.gouging = gouging;
        this.facts = facts;
        this.store = store;
        this.live = live;
        this.accepted = outcomeCounter(registry, "accepted");
        this.duplicates = outcomeCounter(registry, "duplicate");
        this.rejected = outcomeCounter(registry, "rejected");
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("livetally.orders.ingested").tag("outcome", outcome)
                .description("Orders received by recordOrder(s), by outcome").register(registry);
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

    /** The outcome of each input, in order. */
    Uni<List<Outcome>> ingest(List<OrderInput> inputs) {
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
        return facts.of(firsts)
                .chain(batchFacts -> checkAndInsert(firsts, batchFacts, now, outcomes, firstIndex)
                        .map(ignored -> {
                            candidates.forEach((index, candidate) -> {
                                int first = firstIndex.get(candidate.key());
                                if (first != index) {
                                    outcomes[index] = repeatInBatch(candidate, candidates.get(first), outcomes[first]);
                                }
                            });
                            return List.of(outcomes);
                        })
                        .call(result -> countLive(result, batchFacts.endedSessions()))
                        .call(this::raiseAlerts))
                .invoke(this::countOutcomes);
    }

    /**
     * Inserts the orders the rules accept. A key that turns out to be stored already — the insert
     * skipped it, or the rules refused it (e.g. its product was delisted since) — is answered from
     * the stored order: a replay is a duplicate whatever has changed since, never a rejection.
     */
    private Uni<Void> checkAndInsert(List<OrderCandidate> firsts, Facts batchFacts, Instant now, Outcome[] outcomes,
            Map<OrderKey, Integer> firstIndex) {
        List<NewOrder> valid = new ArrayList<>();
        Map<OrderKey, DomainException> refused = new HashMap<>();
        for (OrderCandidate candidate : firsts) {
            try {
                valid.add(OrderRules.check(candidate, batchFacts.products(), batchFacts.sessions(), now));
            } catch (DomainException e) {
                refused.put(candidate.key(), e);
            }
        }
        return store.insert(valid).chain(inserted -> {
            List<OrderCandidate> lookUp = new ArrayList<>();
            for (OrderCandidate candidate : firsts) {
                Order order = inserted.get(candidate.key());
                if (order != null) {
                    outcomes[firstIndex.get(candidate.key())] = new Outcome(order, false, null);
                } else {
                    lookUp.add(candidate);
                }
            }
            return store.existing(lookUp.stream().map(OrderCandidate::key).toList()).invoke(stored -> {
                for (OrderCandidate candidate : lookUp) {
                    Order order = stored.get(candidate.key());
                    DomainException why = refused.get(candidate.key());
                    outcomes[firstIndex.get(candidate.key())] = order != null ? replay(candidate, order)
                            : Outcome.rejected(why != null ? why
                                    // its key is stored, its month's partition detached
                                    : new OrderRejectedException.OrderArchived(candidate.platform(),
                                            candidate.externalId()));
                }
            }).replaceWithVoid();
        });
    }

    /**
     * After the commit, new orders of a session reach the live counters. A replay of a LIVE session's order
     * reaches them too: the counter update of its first attempt may have been lost with the answer (a crash
     * after the commit), and the counters count each order id once.
     */
    private Uni<Void> countLive(List<Outcome> outcomes, Set<Long> endedSessions) {
        List<CountedOrder> recorded = new ArrayList<>();
        List<CountedOrder> replayed = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Outcome outcome : outcomes) {
            Order order = outcome.order();
            if (order != null && order.sessionId() != null && seen.add(order.id())) {
                if (!outcome.duplicate()) {
                    recorded.add(counted(order));
                } else if (!endedSessions.contains(order.sessionId())) {
                    replayed.add(counted(order));
                }
            }
        }
        return live.ordersRecorded(recorded, endedSessions).chain(() -> live.ordersReplayed(replayed));
    }

    /** PRICE_GOUGING alerts of the new flagged orders, after their commit (a replay raised its alert already). */
    private Uni<Void> raiseAlerts(List<Outcome> outcomes) {
        List<Long> flagged = outcomes.stream()
                .filter(o -> o.order() != null && !o.duplicate() && o.order().priceAlert())
                .map(o -> o.order().id()).distinct().toList();
        return gouging.committed(flagged, OrderRules.ALERT_RATIO);
    }

    private static CountedOrder counted(Order order) {
        return new CountedOrder(order.id(), order.sessionId(), order.productId(), order.quantity(), order.amount(),
                order.placedAt(), order.buyerRef(), order.buyerProvince());
    }

    private void countOutcomes(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            (outcome.rejection() != null ? rejected : outcome.duplicate() ? duplicates : accepted).increment();
        }
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
}
