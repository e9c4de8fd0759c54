package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gauges Quarkus' binder registers once per connection (and per HTTP server on an ephemeral port) are
 * left out, so none is refused with a WARN; the pools' and clients' other meters stay.
 */
@QuarkusTest
class CollidingGaugesTest {

    @Test
    void aClientGaugeRegisteredForASecondConnectionIsNeitherKeptNorWarnedAbout() {
        List<String> warnings = registeringTwice(List.of(
                new Registration("postgresql.queue.size", Tags.of("clientName", "<default>", "clientType", "sql")),
                new Registration("postgresql.current", Tags.of("clientName", "<default>", "clientType", "sql")),
                new Registration("redis.queue.size", Tags.of("clientName", "<default>", "clientType", "redis")),
                new Registration("http.server.active.connections", Tags.empty()),
                new Registration("http.server.active.requests", Tags.of("url.scheme", "http"))));

        assertThat(warnings).isEmpty();
        assertThat(Metrics.globalRegistry.find("postgresql.queue.size").meters()).isEmpty();
    }

    @Test
    void thePoolsAndTheClientsTimersAreStillMeasured() {
        // Several reads at once open several pooled PostgreSQL connections.
        Race.of(6, "{ a: region(code: \"500000\") { name } b: regions(level: DISTRICT) { code } }", Map.of());

        String scrape = Management.given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .extract().asString();

        assertThat(scrape).contains("sql_pool_queue_size{").contains("sql_pool_active{")
                .contains("postgresql_processing_seconds_count{").doesNotContain("postgresql_queue_size{")
                .doesNotContain("postgresql_current{").doesNotContain("redis_queue_size{");
    }

    private record Registration(String name, Tags tags) {
    }

    /** Registers each gauge twice, as two connections do, and returns what Micrometer logged about it. */
    private static List<String> registeringTwice(List<Registration> registrations) {
        Logger logger = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = String.valueOf(record.getMessage());
                if (message.contains("already registered")) {
                    logged.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            for (int connection = 0; connection < 2; connection++) {
                for (Registration registration : registrations) {
                    Gauge.builder(registration.name(), new LongAdder(), LongAdder::doubleValue)
                            .tags(registration.tags()).register(Metrics.globalRegistry);
                }
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        return logged;
    }
}
