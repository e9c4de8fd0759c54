package io.livetally.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * Group commit bounded (docs/PERFORMANCE.md): with two batches being written, calls arriving meanwhile wait and go
 * together in one batch when a write ends; each caller gets the outcome of its own order, or its batch's failure.
 * The writer here holds each batch open until the test ends it (the write path itself is tested end to end by
 * {@code RecordOrderTest}); it fails when every call is flushed on arrival.
 */
class OrderBatcherTest {

    private record Written(List<OrderInput> inputs, UniEmitter<? super List<OrderIngest.Outcome>> emitter) {

        /** Ends the write: the orders whose external id ends in an even digit are duplicates. */
        void end() {
            emitter.complete(inputs.stream().map(i -> new OrderIngest.Outcome(null, even(i), null)).toList());
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Written> written = new CopyOnWriteArrayList<>();
    private final OrderBatcher batcher = new OrderBatcher(
            inputs -> Uni.createFrom().emitter(emitter -> written.add(new Written(inputs, emitter))), vertx, 2);
    private final Map<String, Boolean> duplicate = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failed = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void callsArrivingWhileTwoBatchesAreWrittenGoTogetherInTheNext() throws InterruptedException {
        record(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        record(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
        for (int i = 2; i < 32; i++) {
            record(i);
        }
        Thread.sleep(300);
        assertThat(written).as("two batches are being written: the others wait").hasSize(2);

        written.get(0).end();
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
        assertThat(written.get(2).inputs()).as("all that waited, in one batch").hasSize(30);
        assertThat(duplicate).containsOnlyKeys("o-0");

        written.get(1).emitter().fail(new IllegalStateException("the database went away"));
        written.get(2).end();
        await().atMost(Duration.ofSeconds(5)).until(() -> duplicate.size() + failed.size() == 32);
        assertThat(failed).containsOnlyKeys("o-1");
        assertThat(failed.get("o-1")).hasMessage("the database went away");
        duplicate.forEach((id, dup) -> assertThat(dup).as(id).isEqualTo(even(input(id))));
        assertThat(written).as("batches written").hasSize(3);
    }

    @Test
    void aCallAloneIsWrittenAtOnce() {
        for (int i = 0; i < 5; i++) {
            record(i);
            int batches = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == batches);
            written.get(i).end();
            await().atMost(Duration.ofSeconds(5)).until(() -> duplicate.size() == batches);
        }
        assertThat(written).allSatisfy(w -> assertThat(w.inputs()).hasSize(1));
    }

    private void record(int i) {
        batcher.record(input("o-" + i)).subscribe().with(receipt -> duplicate.put("o-" + i, receipt.duplicate()),
                failure -> failed.put("o-" + i, failure));
    }

    private static OrderInput input(String externalId) {
        return new OrderInput("douyin", externalId, Channel.LIVESTREAM, "1", "2", 1, new BigDecimal("10.00"), null,
                null, Instant.parse("2020-09-04T12:00:00Z"), null);
    }

    private static boolean even(OrderInput input) {
        return (input.externalId().charAt(input.externalId().length() - 1) - '0') % 2 == 0;
    }
}
