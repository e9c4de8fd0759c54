package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The gate's front (docs/SECURITY.md, "A throttled caller costs almost nothing"): a caller its bucket refused is
 * refused again, until the bucket could hold that cost, from its token alone — before its body is read (a request
 * whose body never arrives is answered), without a Redis call; a caller may have only so many requests in progress;
 * a platform's ingest is never refused because its reads were; a verified token is not verified again.
 */
@QuarkusTest
@TestProfile(CallerFrontTest.SmallBuckets.class)
class CallerFrontTest {

    /** An official's bucket of 60 points that refills 1 a second; 2 of its requests at once; refusals held 0.5 s. */
    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.limits.roles.official.capacity", "60",
                    "livetally.limits.roles.official.restore-rate", "1",
                    "livetally.limits.roles.official.max-concurrent", "2",
                    "livetally.limits.hold-refusals-millis", "500",
                    "livetally.limits.roles.platform.capacity", "30",
                    "livetally.limits.roles.platform.restore-rate", "1",
                    "livetally.limits.ingest.capacity", "300000",
                    "livetally.limits.ingest.restore-rate", "150000");
        }
    }

    /** 6 points: the region 1, its totals 5. */
    private static final String TOTALS = "{ region(code: \"500236\") { totals { gmv } } }";

    @Inject
    CallerFront front;
    @Inject
    TokenCache tokens;
    @Inject
    TestData data;

    @Test
    void aThrottledCallerIsRefusedBeforeItsBodyIsRead() throws IOException {
        String token = official();
        drain(token);
        long before = front.refusedUnread();

        // headers and 10 of the 1,000 bytes announced: only an answer from the token alone can come back
        long start = System.nanoTime();
        String answer = partial(token, 1000, 10, 3_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).startsWith("HTTP/1.1 429");
        assertThat(answer).containsIgnoringCase("Retry-After:");
        assertThat(answer).contains("\"code\":\"throttled\"").contains("this request costs 6 points")
                .contains("\"maximumAvailable\":60").contains("\"restoreRate\":1");
        assertThat(front.refusedUnread()).isGreaterThan(before);
        // held until the bucket could hold 6 points again (at least a second at 1 a second), at most 0.5 s
        assertThat(millis).isGreaterThanOrEqualTo(400L);
    }

    @Test
    void aCallerWithItsMaximumInProgressIsRefusedAtOnceAndServedWhenOneEnds() throws IOException, InterruptedException {
        String token = official();
        try (Socket first = open(token, 1000, 10); Socket second = open(token, 1000, 10)) {
            Thread.sleep(300); // both are in progress: their bodies never end
            long start = System.nanoTime();
            Response third = send(token, TOTALS);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400); // held 0.5 s
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isEqualTo("1");
            assertThat(third.jsonPath().getString("errors[0].extensions.code")).isEqualTo("throttled");
            assertThat(third.jsonPath().getString("errors[0].message")).contains("2 requests in progress");
            // another caller of the same role is not held up by it
            assertThat(send(official(), TOTALS).statusCode()).isEqualTo(200);
        }
        // the two closed connections free their places
        Response again = null;
        for (int i = 0; i < 50; i++) {
            again = send(token, TOTALS);
            if (again.statusCode() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void aPlatformsIngestIsNotRefusedBecauseItsReadsWere() {
        String product = data.product(TestData.FENGJIE);
        String platform = TestTokens.withSubject("platform-" + UUID.randomUUID(), "platform", Map.of("platform", "douyin"));
        String read = "{ region(code: \"500236\") { code } }";
        for (int i = 0; i < 100 && send(platform, read).statusCode() != 429; i++) {
            // drain its read bucket (1 point each)
        }
        assertThat(send(platform, read).statusCode()).isEqualTo(429); // throttled, the read bucket remembered

        Response ingest = as(platform).request("mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }",
                Map.of("inputs", java.util.List.of(data.order(product, "FAIR", java.time.Instant.now().minusSeconds(60)))))
                .when().post("/graphql");
        assertThat(ingest.statusCode()).as(ingest.asString()).isEqualTo(200);
        assertThat(ingest.jsonPath().getInt("data.recordOrders.accepted")).isEqualTo(1);
    }

    @Test
    void aVerifiedTokenIsAnsweredFromMemory() {
        String token = official();
        assertThat(send(token, TOTALS).statusCode()).isEqualTo(200);
        long hits = tokens.hits();
        assertThat(send(token, TOTALS).statusCode()).isEqualTo(200);
        assertThat(tokens.hits()).isGreaterThan(hits);
        // a token the cache never saw is still verified: another key's is refused
        assertThat(send(TestTokens.signedByAnotherKey(), TOTALS).statusCode()).isEqualTo(401);
    }

    private static String official() {
        return TestTokens.withSubject("official-" + UUID.randomUUID(), "official", Map.of("region_code", TestData.FENGJIE));
    }

    private static Response send(String token, String query) {
        return as(token).request(query, Map.of()).when().post("/graphql");
    }

    private static void drain(String token) {
        for (int i = 0; i < 100; i++) {
            if (send(token, TOTALS).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("never throttled");
    }

    /** A POST announcing {@code length} bytes of body of which only {@code sent} are sent. */
    private static Socket open(String token, int length, int sent) throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Socket socket = new Socket("127.0.0.1", port);
        String head = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Accept: application/json\r\nAuthorization: Bearer " + token + "\r\nContent-Length: " + length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write("{\"query\":\"".substring(0, Math.min(sent, 10)).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** What the server answers, within {@code millis}, to a request whose body never arrives whole. */
    private static String partial(String token, int length, int sent, int millis) throws IOException {
        try (Socket socket = open(token, length, sent)) {
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    read.write(buffer, 0, n);
                    if (read.toString(StandardCharsets.UTF_8).contains("}}}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // what came within the deadline is the answer
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
