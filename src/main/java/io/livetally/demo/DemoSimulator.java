package io.livetally.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.livetally.catalog.Product;
import io.livetally.common.NotFoundException;
import io.livetally.live.LiveStats;
import io.livetally.live.ViewerEventInput;
import io.livetally.live.ViewerEventService;
import io.livetally.order.BatchReceipt;
import io.livetally.order.OrderIngest;
import io.livetally.order.OrderInput;
import io.livetally.order.OrderRepository;
import io.livetally.order.RejectedOrder;
import io.livetally.security.Scope;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionNotLiveException;
import io.livetally.session.SessionRepository;
import io.livetally.streamer.StreamerRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;

/**
 * Keeps LIVE sessions moving for a newcomer's first look (on in the dev profile only): every second it
 * sends each fed session viewer events and a few orders of its featured products through the write paths
 * platforms use ({@link ViewerEventService}, {@link OrderIngest}, the refund of {@link OrderRepository}:
 * the same checks, idempotent on (platform, externalId)), acting internally as the session's platform.
 * It opens nothing to the outside: no endpoint, no token. The LIVE sessions are looked up at every tick,
 * so it stops feeding a session that ends and carries on after a restart.
 */
@ApplicationScoped
public class DemoSimulator {

    static final String JOB = "livetally-demo";
    private static final long TICK_MILLIS = 1000;
    /** A session not fed for longer than this (a restart, a stall) has its crowd swept and restarted. */
    private static final long RESUME_WITHIN_MILLIS = 10_000;
    private static final int MAX_PENDING_REFUNDS = 1000;
    private static final String FINDING = "finding the LIVE sessions";

    private final DemoConfig config;
    private final Scheduler scheduler;
    private final SessionRepository sessions;
    private final StreamerRepository streamers;
    private final ViewerEventService viewers;
    private final OrderIngest ingest;
    private final OrderRepository orders;
    private final ViewerCrowd crowd;
    private final TickProblems problems = new TickProblems();
    private final SplittableRandom random = new SplittableRandom();
    /** Epoch ms of each fed session's last tick. */
    private final Map<Long, Long> lastTick = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Refund> refunds = new ConcurrentLinkedQueue<>();

    private record Refund(long sessionId, String platform, String externalId) {
    }

    public DemoSimulator(DemoConfig config, Scheduler scheduler, SessionRepository sessions,
            StreamerRepository streamers, ViewerEventService viewers, OrderIngest ingest, OrderRepository orders) {
        this.config = config;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.streamers = streamers;
        this.viewers = viewers;
        this.ingest = ingest;
        this.orders = orders;
        this.crowd = new ViewerCrowd(config.viewers(), config.viewerChurn());
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        scheduler.newJob(JOB).setInterval(TICK_MILLIS + "ms").setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> tick()).schedule();
        Log.infof("livetally demo: simulating ~%d viewers and ~%s orders/s in %s, through the real write path;"
                        + " switch it off with livetally.demo.enabled=false (env LIVETALLY_DEMO_ENABLED=false)",
                config.viewers(), config.ordersPerSecond(),
                config.sessions().map(ids -> "the LIVE sessions among " + ids).orElse("every LIVE session"));
    }

    /** One tick: never fails, every failure is logged once and the next tick tries again. */
    Uni<Void> tick() {
        long now = System.currentTimeMillis();
        return Uni.createFrom().deferred(this::demoSessions)
                .invoke(() -> problems.worked(FINDING))
                .onFailure().recoverWithItem(e -> {
                    problems.failed(FINDING, e);
                    return null;
                })
                .chain(found -> found == null ? Uni.createFrom().voidItem() : feed(found, now));
    }

    private Uni<List<DemoSession>> demoSessions() {
        return sessions.live(Scope.ALL, null).chain(live -> {
            List<LiveSession> fed = live.stream()
                    .filter(s -> config.sessions().map(ids -> ids.contains(s.id())).orElse(true)).toList();
            if (fed.isEmpty()) {
                return Uni.createFrom().item(List.<DemoSession>of());
            }
            return Uni.combine().all()
                    .unis(sessions.productsOf(Scope.ALL, fed.stream().map(LiveSession::id).toList()),
                            streamers.findAll(fed.stream().map(LiveSession::streamerId).toList()))
                    .with((products, hosts) -> fed.stream()
                            .filter(s -> hosts.containsKey(s.streamerId()))
                            .map(s -> new DemoSession(s.id(), s.startedAt(), hosts.get(s.streamerId()).platform(),
                                    products.getOrDefault(s.id(), List.<Product>of()).stream()
                                            .filter(Product::listed).toList()))
                            .toList());
        });
    }

    /** Builds every session's events, orders and refunds first (the dice are not thread-safe), then sends them. */
    private Uni<Void> feed(List<DemoSession> fed, long now) {
        Set<Long> ids = new HashSet<>();
        fed.forEach(s -> ids.add(s.id()));
        lastTick.keySet().retainAll(ids);
        List<Refund> due = new ArrayList<>();
        for (Refund refund; (refund = refunds.poll()) != null; ) {
            if (ids.contains(refund.sessionId())) {
                due.add(refund);
            }
        }
        List<Uni<Void>> sends = new ArrayList<>();
        int number = 0;
        for (DemoSession session : fed) {
            Long last = lastTick.put(session.id(), now);
            boolean resumed = last != null && now - last <= RESUME_WITHIN_MILLIS;
            long from = resumed ? last : now - TICK_MILLIS;
            List<ViewerEventInput> events = crowd.between(from, now, random);
            int count = Math.min(OrderIngest.MAX_BATCH,
                    Chance.around(config.ordersPerSecond() * (now - from) / 1000.0, random));
            List<OrderInput> placed = Shoppers.orders(session, count, now, number, crowd, random);
            number += placed.size();
            Set<String> refundLater = new HashSet<>();
            placed.stream().filter(o -> random.nextDouble() < config.refundShare())
                    .forEach(o -> refundLater.add(o.externalId()));
            sends.add(sendViewers(session, resumed, events, now));
            sends.add(sendOrders(session, placed, refundLater));
        }
        due.forEach(refund -> sends.add(sendRefund(refund)));
        return sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    /**
     * A (re)started crowd first sweeps the ring, and a session without views yet gets its history;
     * then the tick's own events.
     */
    private Uni<Void> sendViewers(DemoSession session, boolean resumed, List<ViewerEventInput> events, long now) {
        long id = session.id();
        String what = "viewer events of session " + id;
        Uni<Void> before = resumed ? Uni.createFrom().voidItem() : send(id, crowd.sweep(now))
                .chain(stats -> stats == null || stats.views() > 0 || session.startedAt() == null
                        ? Uni.createFrom().<LiveStats>nullItem()
                        : send(id, crowd.history(session.startedAt().toEpochMilli(), now)))
                .replaceWithVoid();
        return before.chain(() -> send(id, events)).invoke(() -> problems.worked(what)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof SessionNotLiveException || e instanceof NotFoundException) {
                        Log.debugf("livetally demo: session %d is no longer live", id);
                    } else {
                        // Leaves may be lost with them: the next tick starts afresh, with a sweep.
                        lastTick.remove(id);
                        problems.failed(what, e);
                    }
                    return null;
                });
    }

    /** The events in batches the service takes; the stats after the last (null when there were none). */
    private Uni<LiveStats> send(long sessionId, List<ViewerEventInput> events) {
        Uni<LiveStats> sent = Uni.createFrom().nullItem();
        for (int from = 0; from < events.size(); from += ViewerEventService.MAX_EVENTS) {
            List<ViewerEventInput> chunk = events.subList(from,
                    Math.min(events.size(), from + ViewerEventService.MAX_EVENTS));
            sent = sent.chain(() -> viewers.record(String.valueOf(sessionId), chunk));
        }
        return sent;
    }

    private Uni<Void> sendOrders(DemoSession session, List<OrderInput> placed, Set<String> refundLater) {
        if (placed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String what = "orders of session " + session.id();
        return Uni.createFrom().deferred(() -> ingest.record(placed)).invoke(receipt -> {
            queueRefunds(session, placed, refundLater, receipt);
            List<RejectedOrder> refused = receipt.rejected().stream().filter(r -> !endedMeanwhile(r)).toList();
            if (refused.isEmpty()) {
                problems.worked(what);
            } else {
                problems.failed(what, refused.size() + " of " + placed.size() + " refused, e.g. "
                        + refused.get(0).reason());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(e -> {
            problems.failed(what, e);
            return null;
        });
    }

    private void queueRefunds(DemoSession session, List<OrderInput> placed, Set<String> refundLater,
            BatchReceipt receipt) {
        Set<Integer> refused = new HashSet<>();
        receipt.rejected().forEach(r -> refused.add(r.index()));
        for (int i = 0; i < placed.size(); i++) {
            String externalId = placed.get(i).externalId();
            if (!refused.contains(i) && refundLater.contains(externalId) && refunds.size() < MAX_PENDING_REFUNDS) {
                refunds.add(new Refund(session.id(), session.platform(), externalId));
            }
        }
    }

    private Uni<Void> sendRefund(Refund refund) {
        return Uni.createFrom().deferred(() -> orders.refund(refund.platform(), refund.externalId()))
                .invoke(() -> problems.worked("refunds")).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    problems.failed("refunds", e);
                    return null;
                });
    }

    /** The session ended between the tick's look-up and its orders: expected, not a problem. */
    private static boolean endedMeanwhile(RejectedOrder rejected) {
        return rejected.reason().startsWith("session-not-live") || rejected.reason().startsWith("outside-live-window");
    }
}
