package io.livetally.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Concurrent reads of the same key share one call, and none is answered with data older than itself: a
 * read that arrives while a call for its key is running waits for it to end and then joins the next call,
 * which every read waiting by then shares. So each read is answered by a call started after the read
 * arrived (what any write acknowledged before it is in), and a key has at most one call running.
 * An idle key adds no delay; a busy key costs a reader at most the rest of the running call.
 * Each reader is answered on its own Vert.x context, where its request continues.
 */
public final class SingleFlight<K, V> {

    private final Function<K, Uni<V>> call;
    /** Keys with a call running, and the readers waiting for the next one (empty when none). */
    private final Map<K, List<Reader<V>>> running = new HashMap<>();

    public SingleFlight(Function<K, Uni<V>> call) {
        this.call = call;
    }

    private record Reader<V>(UniEmitter<? super V> emitter, Context context) {

        void answer(V value, Throwable failure) {
            if (context == null || Vertx.currentContext() == context) {
                send(value, failure);
            } else {
                context.runOnContext(ignored -> send(value, failure));
            }
        }

        private void send(V value, Throwable failure) {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(value);
            }
        }
    }

    public Uni<V> get(K key) {
        return Uni.createFrom().emitter(emitter -> {
            Reader<V> reader = new Reader<>(emitter, Vertx.currentContext());
            boolean start;
            synchronized (running) {
                List<Reader<V>> waiting = running.get(key);
                start = waiting == null;
                if (start) {
                    running.put(key, new ArrayList<>());
                } else {
                    waiting.add(reader);
                }
            }
            if (start) {
                start(key, List.of(reader));
            }
        });
    }

    /** Calls for these readers, all arrived before this call starts; then for those who came meanwhile. */
    private void start(K key, List<Reader<V>> readers) {
        Uni<V> uni;
        try {
            uni = call.apply(key);
        } catch (RuntimeException e) {
            finish(key, readers, null, e);
            return;
        }
        uni.subscribe().with(value -> finish(key, readers, value, null), failure -> finish(key, readers, null, failure));
    }

    private void finish(K key, List<Reader<V>> readers, V value, Throwable failure) {
        List<Reader<V>> next;
        synchronized (running) {
            next = running.get(key);
            if (next.isEmpty()) {
                running.remove(key);
            } else {
                running.put(key, new ArrayList<>());
            }
        }
        readers.forEach(reader -> reader.answer(value, failure));
        if (!next.isEmpty()) {
            start(key, next);
        }
    }
}
