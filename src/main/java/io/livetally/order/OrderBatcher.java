package io.livetally.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit for single orders: {@code recordOrder} calls that arrive together (32 platforms
 * pushing at once) are written as one batch — one facts query and one insert for all of them — and
 * each caller gets its own receipt or rejection. An idle server adds no delay: a call alone is
 * flushed on the next event-loop turn. At most {@link #MAX_FLUSHING} batches are written at once;
 * calls arriving meanwhile wait for one of them to end and go together in the next (a batch costs
 * the same two statements and one Redis call whatever its size, so under load batches grow instead
 * of the work: docs/PERFORMANCE.md, "Group commit bounded").
 */
@ApplicationScoped
public class OrderBatcher {

    /** Batches written at once: two keep PostgreSQL and Redis busy while the next batch fills. */
    static final int MAX_FLUSHING = 2;

    private final Function<List<OrderInput>, Uni<List<OrderIngest.Outcome>>> writer;
    private final Vertx vertx;
    private final int maxFlushing;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicInteger flushing = new AtomicInteger();

    @Inject
    public OrderBatcher(OrderIngest ingest, Vertx vertx) {
        this(ingest::ingest, vertx, MAX_FLUSHING);
    }

    /** {@code writer} writes one batch (the ingest's); for tests, which hold batches open. */
    OrderBatcher(Function<List<OrderInput>, Uni<List<OrderIngest.Outcome>>> writer, Vertx vertx, int maxFlushing) {
        this.writer = writer;
        this.vertx = vertx;
        this.maxFlushing = maxFlushing;
    }

    private record Pending(OrderInput input, UniEmitter<? super OrderReceipt> emitter, Context context) {

        void answer(OrderIngest.Outcome outcome) {
            run(() -> {
                try {
                    emitter.complete(outcome.receipt());
                } catch (RuntimeException rejection) {
                    emitter.fail(rejection);
                }
            });
        }

        void fail(Throwable failure) {
            run(() -> emitter.fail(failure));
        }

        /** Answers on the caller's own event loop, where its request continues. */
        private void run(Runnable answer) {
            if (context == null || Vertx.currentContext() == context) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }

    public Uni<OrderReceipt> record(OrderInput input) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(input, emitter, Vertx.currentContext()));
            scheduleFlush();
        });
    }

    /** Schedules a flush when calls wait and fewer than the most batches are being written. */
    private void scheduleFlush() {
        if (queue.isEmpty() || flushing.get() >= maxFlushing || !flushScheduled.compareAndSet(false, true)) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null) {
            context.runOnContext(ignored -> flush());
        } else {
            vertx.runOnContext(ignored -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        if (flushing.incrementAndGet() > maxFlushing) {
            // the end of a batch being written flushes what waits; one that ended while this flush counted
            // itself saw no room: look again
            flushing.decrementAndGet();
            scheduleFlush();
            return;
        }
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < OrderIngest.MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            flushing.decrementAndGet();
            scheduleFlush(); // a call may have arrived after the poll and seen this flush still counted
            return;
        }
        scheduleFlush();
        List<OrderInput> inputs = batch.stream().map(Pending::input).toList();
        Uni.createFrom().deferred(() -> writer.apply(inputs)).subscribe().with(
                outcomes -> {
                    written();
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).answer(outcomes.get(i));
                    }
                },
                failure -> {
                    written();
                    batch.forEach(pending -> pending.fail(failure));
                });
    }

    private void written() {
        flushing.decrementAndGet();
        scheduleFlush();
    }
}
