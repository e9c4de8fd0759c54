package io.livetally.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.restassured.path.json.JsonPath;

/** Sends one GraphQL document from several threads at the same moment, to race requests on the server. */
public final class Race {

    private Race() {
    }

    /** The whole answers (data and errors), in no particular order. */
    public static List<JsonPath> of(int copies, String query, Map<String, ?> variables) {
        ExecutorService threads = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return GraphQLClient.json(query, variables);
                }));
            }
            go.countDown();
            List<JsonPath> result = new ArrayList<>();
            for (Future<JsonPath> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
