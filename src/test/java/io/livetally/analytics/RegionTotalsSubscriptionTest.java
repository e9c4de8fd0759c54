package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetally.analytics.AnalyticsFixtures.NewOrder;
import io.livetally.analytics.AnalyticsFixtures.Tree;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.livetally.common.TestTokens;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

@QuarkusTest
class RegionTotalsSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIBE = "subscription ($code: ID!) { regionTotals(code: $code) { from to gmv"
            + " orderCount } }";

    @TestHTTPResource("/graphql")
    URI endpoint;
    @Inject
    Vertx vertx;
    @Inject
    AnalyticsFixtures fixtures;
    @Inject
    RegionTotalsFeed feed;
    @Inject
    BusinessCalendar calendar;

    /** A graphql-transport-ws client holding one subscription; messages queue up as they come. */
    private final class Subscriber implements AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final WebSocket socket;

        Subscriber(String code) throws Exception {
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(endpoint.getHost())
                    .setPort(endpoint.getPort()).setURI("/graphql").addSubProtocol("graphql-transport-ws")
                    .addHeader("Authorization", "Bearer " + TestTokens.admin());
            socket = vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(text -> {
                try {
                    messages.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            socket.writeTextMessage("{\"type\":\"connection_init\"}");
            assertThat(next().get("type").asText()).isEqualTo("connection_ack");
            socket.writeTextMessage(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload",
                    Map.of("query", SUBSCRIBE, "variables", Map.of("code", code)))));
        }

        /** The next message other than the server's keep-alive pings. */
        JsonNode next() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(message).as("a message within 15 s").isNotNull();
                if (!message.get("type").asText().equals("ping")) {
                    return message;
                }
                socket.writeTextMessage("{\"type\":\"pong\"}");
            }
        }

        JsonNode nextTotals() throws InterruptedException {
            JsonNode message = next();
            assertThat(message.get("type").asText()).as(message.toString()).isEqualTo("next");
            return message.get("payload").get("data").get("regionTotals");
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void subscribersOfARegionShareOnePollerAndSeeTodaysTotalsChange() throws Exception {
        Tree tree = fixtures.tree(1, 1);
        long product = fixtures.product(tree.villages().get(0), fixtures.supplier(tree.district(), true, false, 0),
                "8.00", true);
        Instant todayStart = calendar.startOfDay(calendar.day(Instant.now()));

        try (Subscriber first = new Subscriber(tree.district()); Subscriber second = new Subscriber(tree.district())) {
            for (Subscriber subscriber : List.of(first, second)) {
                JsonNode totals = subscriber.nextTotals();
                assertThat(totals.get("orderCount").asInt()).isZero();
                assertThat(Instant.parse(totals.get("from").asText())).isEqualTo(todayStart);
                assertThat(Instant.parse(totals.get("to").asText())).isEqualTo(todayStart.plus(Duration.ofDays(1)));
            }
            assertThat(feed.pollers()).isEqualTo(1);

            fixtures.insert(List.of(new NewOrder("FAIR", null, null, product, tree.villages().get(0), 2,
                    new BigDecimal("8.00"), null, Instant.now().minusSeconds(1), false, false)));

            for (Subscriber subscriber : List.of(first, second)) {
                JsonNode totals = subscriber.nextTotals();
                assertThat(totals.get("orderCount").asInt()).isEqualTo(1);
                assertThat(totals.get("gmv").decimalValue()).isEqualByComparingTo("16.00");
            }
            // unchanged totals are not sent again
            JsonNode more = first.messages.poll(2500, TimeUnit.MILLISECONDS);
            assertThat(more == null || more.get("type").asText().equals("ping")).as(String.valueOf(more)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollers() == 0);
    }

    @Test
    void anUnknownRegionCompletesTheSubscriptionAtOnce() throws Exception {
        try (Subscriber subscriber = new Subscriber("nowhere")) {
            JsonNode message = subscriber.next();
            assertThat(message.get("type").asText()).as(message.toString()).isEqualTo("complete");
        }
        assertThat(feed.pollers()).isZero();
    }
}
