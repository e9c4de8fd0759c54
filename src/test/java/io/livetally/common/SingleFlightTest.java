package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class SingleFlightTest {

    /** A store whose calls the test completes by hand; each call answers the store's value when it started. */
    private static final class Store {
        final AtomicInteger value = new AtomicInteger();
        final List<Call> calls = new ArrayList<>();

        record Call(String key, int seen, CompletableFuture<Integer> answer) {
        }

        Uni<Integer> read(String key) {
            Call call = new Call(key, value.get(), new CompletableFuture<>());
            calls.add(call);
            return Uni.createFrom().completionStage(call.answer());
        }

        void answer(int call) {
            Call c = calls.get(call);
            c.answer().complete(c.seen());
        }
    }

    private static CompletableFuture<Integer> read(SingleFlight<String, Integer> flight, String key) {
        return flight.get(key).subscribeAsCompletionStage();
    }

    @Test
    void readersArrivingDuringACallShareOneNextCall() {
        Store store = new Store();
        SingleFlight<String, Integer> flight = new SingleFlight<>(store::read);
        CompletableFuture<Integer> first = read(flight, "s");
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            later.add(read(flight, "s"));
        }
        assertThat(store.calls).hasSize(1);
        store.answer(0);
        assertThat(first).isCompletedWithValue(0);
        assertThat(store.calls).as("the 31 readers that waited share one call").hasSize(2);
        assertThat(later).noneMatch(CompletableFuture::isDone);
        store.answer(1);
        assertThat(later).allMatch(f -> f.isDone() && f.join() == 0);
        assertThat(store.calls).hasSize(2);
    }

    @Test
    void aReaderIsNeverAnsweredByACallStartedBeforeIt() {
        Store store = new Store();
        SingleFlight<String, Integer> flight = new SingleFlight<>(store::read);
        CompletableFuture<Integer> early = read(flight, "s");
        store.value.set(7); // a write acknowledged after the running call started, before the next reader came
        CompletableFuture<Integer> late = read(flight, "s");
        store.answer(0);
        assertThat(early).isCompletedWithValue(0);
        assertThat(late).as("the late reader waits for a call of its own").isNotDone();
        store.answer(1);
        assertThat(late).isCompletedWithValue(7);
    }

    @Test
    void anIdleKeyIsReadAtOnceAndKeysDoNotWaitForEachOther() {
        Store store = new Store();
        SingleFlight<String, Integer> flight = new SingleFlight<>(store::read);
        CompletableFuture<Integer> a = read(flight, "a");
        CompletableFuture<Integer> b = read(flight, "b");
        assertThat(store.calls).extracting(Store.Call::key).containsExactly("a", "b");
        store.answer(1);
        assertThat(b).isCompletedWithValue(0);
        store.answer(0);
        assertThat(a).isCompletedWithValue(0);
        read(flight, "a");
        assertThat(store.calls).as("a key whose call ended starts a new one at once").hasSize(3);
    }

    @Test
    void aFailedCallFailsItsReadersOnlyAndTheNextOneRuns() {
        Store store = new Store();
        SingleFlight<String, Integer> flight = new SingleFlight<>(store::read);
        CompletableFuture<Integer> failing = read(flight, "s");
        CompletableFuture<Integer> waiting = read(flight, "s");
        store.calls.get(0).answer().completeExceptionally(new IllegalStateException("redis down"));
        assertThat(failing).isCompletedExceptionally();
        assertThat(waiting).isNotDone();
        store.answer(1);
        assertThat(waiting).isCompletedWithValue(0);
    }

    @Test
    void aCallThatThrowsFailsItsReadersAndLeavesTheKeyFree() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlight<String, Integer> flight = new SingleFlight<>(key -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("no connection");
            }
            return Uni.createFrom().item(42);
        });
        assertThat(read(flight, "s")).isCompletedExceptionally();
        assertThat(read(flight, "s")).isCompletedWithValue(42);
    }
}
