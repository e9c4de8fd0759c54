package io.livetally.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit for single orders: {@code recordOrder} calls that arrive together (32 platforms
 * pushing at once) are written as one batch — one facts query and one insert for all of them — and
 * each caller gets its own receipt or rejection. An idle server adds no delay: a call alone is
 * flushed on the next event-loop turn.
 */
@ApplicationScoped
public class OrderBatcher {

    private final OrderIngest ingest;
    private final Vertx vertx;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    public OrderBatcher(OrderIngest ingest, Vertx vertx) {
        this.ingest = ingest;
        this.vertx = vertx;
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

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            Context context = Vertx.currentContext();
            if (context != null) {
                context.runOnContext(ignored -> flush());
            } else {
                vertx.runOnContext(ignored -> flush());
            }
        }
    }

    private void flush() {
        flushScheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < OrderIngest.MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (!queue.isEmpty()) {
            scheduleFlush();
        }
        if (batch.isEmpty()) {
            return;
        }
        ingest.ingest(batch.stream().map(Pending::input).toList()).subscribe().with(
                outcomes -> {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).answer(outcomes.get(i));
                    }
                },
                failure -> batch.forEach(pending -> pending.fail(failure)));
    }
}
