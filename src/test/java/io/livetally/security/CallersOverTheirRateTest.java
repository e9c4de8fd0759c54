package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Rate limits per caller as a client sees them (docs/SECURITY.md, "Cost and rate limits"): over its rate a caller
 * gets HTTP 429, {@code throttled} and {@code Retry-After}, and is served again once its bucket has filled at the
 * restore rate; a platform's ingest keeps its full speed while its own reads, and another caller, are throttled.
 */
@QuarkusTest
@TestProfile(CallersOverTheirRateTest.SmallBuckets.class)
class CallersOverTheirRateTest {

    /** Small read buckets; the production ingest bucket. */
    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.limits.roles.host.capacity", "60",
                    "livetally.limits.roles.host.restore-rate", "20",
                    "livetally.limits.roles.official.capacity", "60",
                    "livetally.limits.roles.official.restore-rate", "1",
                    "livetally.limits.roles.platform.capacity", "30",
                    "livetally.limits.roles.platform.restore-rate", "10",
                    "livetally.limits.ingest.capacity", "300000",
                    "livetally.limits.ingest.restore-rate", "150000");
        }
    }

    /** 6 points: the region 1, its totals 5. */
    private static final String TOTALS = "{ region(code: \"500236\") { totals { gmv } } }";
    /** 20 points: 20 sessions (the bounded size of the list) of 1. */
    private static final String SESSIONS = "{ liveSessions { id } }";

    @Inject
    TestData data;

    private static Response send(String token, String query, Map<String, ?> variables) {
        return as(token).request(query, variables).when().post("/graphql");
    }

    private static void drain(String token, String query) {
        for (int i = 0; i < 1000; i++) {
            if (send(token, query, Map.of()).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("never throttled");
    }

    @Test
    void aCallerOverItsRateGets429AndIsServedAgainAtTheRestoreRate() throws InterruptedException {
        String token = subject("host", Map.of("streamer_id", "1"));
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        while (refused == null && statuses.size() < 10) {
            Response response = send(token, SESSIONS, Map.of());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }

        // 60 points hold three 20-point requests; the fourth finds at most a few points flowed back
        assertThat(statuses).containsExactly(200, 200, 200, 429);
        JsonPath body = refused.jsonPath();
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("throttled");
        assertThat(body.getString("errors[0].message")).contains("20 points");
        assertThat(body.getMap("data")).isNull();
        assertThat(body.getLong("extensions.cost.requested")).isEqualTo(20);
        assertThat(body.getLong("extensions.cost.actual")).isZero();
        assertThat(body.getLong("extensions.cost.throttleStatus.maximumAvailable")).isEqualTo(60);
        assertThat(body.getLong("extensions.cost.throttleStatus.restoreRate")).isEqualTo(20);
        assertThat(body.getLong("extensions.cost.throttleStatus.currentlyAvailable")).isLessThan(20);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isEqualTo(1);

        Thread.sleep(retryAfter * 1000 + 100);

        Response again = send(token, SESSIONS, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getList("errors")).isNull();
        assertThat(again.jsonPath().getLong("extensions.cost.throttleStatus.currentlyAvailable")).isLessThan(20);
    }

    @Test
    void anotherCallersBucketIsItsOwn() {
        String greedy = subject("official", Map.of("region_code", TestData.FENGJIE));
        String patient = subject("official", Map.of("region_code", TestData.FENGJIE));
        drain(greedy, TOTALS);

        assertThat(send(patient, TOTALS, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(greedy, TOTALS, Map.of()).statusCode()).isEqualTo(429);
    }

    @Test
    void anIngestBurstIsNotThrottledWhileItsReadsAndAnotherCallerAre() {
        String product = data.product(TestData.FENGJIE);
        String platform = subject("platform", Map.of("platform", "douyin"));
        String greedy = subject("official", Map.of("region_code", TestData.FENGJIE));
        drain(platform, "{ region(code: \"500236\") { code } }"); // 1 point (forbidden to a platform, priced all the same)
        drain(greedy, TOTALS);

        // 10 batches of 1,000 orders as fast as they go (10,100 points of the ingest bucket), the other caller
        // asking between them: every batch is taken, the other caller is refused (it gets 1 point a second)
        String mutation = "mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }";
        int accepted = 0;
        int otherThrottled = 0;
        for (int batch = 0; batch < 10; batch++) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                inputs.add(data.order(product, "FAIR", Instant.now().minusSeconds(60)));
            }
            Response response = send(platform, mutation, Map.of("inputs", inputs));
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.jsonPath().getLong("extensions.cost.requested")).isEqualTo(1010);
            accepted += response.jsonPath().getInt("data.recordOrders.accepted");
            otherThrottled += send(greedy, TOTALS, Map.of()).statusCode() == 429 ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(10_000);
        assertThat(otherThrottled).isPositive();
    }

    /** A token of the role whose subject no other test shares: its own buckets. */
    private static String subject(String role, Map<String, Object> claims) {
        return TestTokens.withSubject(role + "-" + UUID.randomUUID(), role, claims);
    }
}
