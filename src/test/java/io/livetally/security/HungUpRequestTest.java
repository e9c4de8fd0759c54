package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that hangs up mid-request leaves fields still resolving after its request context ended; they
 * must be denied quietly, not logged as internal errors (they were: "The current thread cannot be
 * blocked", from reading the identity of a request that is gone).
 */
@QuarkusTest
class HungUpRequestTest {

    private static final String MANY_FIELDS = """
            {"query": "{ r: region(code: \\"500236\\") { name totals { orderCount gmv } children { name totals { orderCount } } } }"}""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void fieldsOfARequestWhoseClientHungUpAreNotInternalErrors() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger masker = Logger.getLogger("io.livetally.common.UnexpectedErrorMasker");
        masker.addHandler(capture);
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 40; i++) {
                HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofMillis(2 + i % 5))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.admin())
                        .POST(HttpRequest.BodyPublishers.ofString(MANY_FIELDS)).build();
                try {
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (java.net.http.HttpTimeoutException e) {
                    // the hang-up this test is about
                }
            }
            Thread.sleep(1_500);
        } finally {
            masker.removeHandler(capture);
        }
        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
    }
}
