package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** LiveSession.comparison: the same host's previous ENDED session at the same elapsed minute, by hand. */
@QuarkusTest
class SessionComparisonTest {

    private static final String COMPARISON = """
            query($id: ID!) { session(id: $id) { comparison {
              previous { id } atMinute gmvThen orderCountThen uniqueViewersThen } } }""";

    @Inject
    TestData data;
    @Inject
    Pool pool;

    @Test
    void aLiveSessionIsSetAgainstThePreviousSessionsFirstMinutes() {
        String streamer = data.streamer(TestData.FENGJIE);
        String product = data.product(TestData.FENGJIE);
        Instant prevStart = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String previous = endedSession(streamer, product, prevStart, prevStart.plus(60, ChronoUnit.MINUTES));
        long host = Long.parseLong(streamer);
        long p = Long.parseLong(product);
        data.insertOrders(List.of(
                order(previous, host, p, 1, "10.00", prevStart.plusSeconds(60)),
                order(previous, host, p, 2, "10.00", prevStart.plusSeconds(4 * 60 + 59)),
                order(previous, host, p, 1, "7.50", prevStart.plusSeconds(5 * 60)),
                order(previous, host, p, 1, "99.00", prevStart.plusSeconds(59 * 60))));
        TestData.await(pool.preparedQuery("INSERT INTO session_viewer_snapshot (session_id, current_viewers,"
                + " peak_viewers, unique_viewers, views, likes, taken_at) VALUES ($1, 0, 30, 42, 50, 0, now())"
                + " ON CONFLICT (session_id) DO UPDATE SET unique_viewers = 42")
                .execute(Tuple.of(Long.parseLong(previous))));
        // an older ENDED session and a later one never started are not "the previous"
        endedSession(streamer, product, prevStart.minus(1, ChronoUnit.DAYS), prevStart.minus(20, ChronoUnit.HOURS));
        data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        String current = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(current);
        startedAt(current, Instant.now().minusSeconds(5 * 60 + 30), null);

        JsonPath comparison = comparison(current);

        assertThat(comparison.getString("previous.id")).isEqualTo(previous);
        assertThat(comparison.getInt("atMinute")).isEqualTo(5);
        // orders placed within the previous session's first 5 minutes: 1 × 10.00 and 2 × 10.00
        assertThat(comparison.getInt("orderCountThen")).isEqualTo(2);
        assertThat(comparison.<BigDecimal>get("gmvThen")).isEqualTo(new BigDecimal("30.00"));
        assertThat(comparison.<Integer>get("uniqueViewersThen")).isNull();

        // at minute 70 the previous session (60 minutes) is covered whole: its unique viewers too
        startedAt(current, Instant.now().minusSeconds(70 * 60 + 5), null);
        comparison = comparison(current);
        assertThat(comparison.getInt("atMinute")).isEqualTo(70);
        assertThat(comparison.getInt("orderCountThen")).isEqualTo(4);
        assertThat(comparison.<BigDecimal>get("gmvThen")).isEqualTo(new BigDecimal("136.50"));
        assertThat(comparison.getInt("uniqueViewersThen")).isEqualTo(42);
    }

    @Test
    void aHostsFirstSessionAndAScheduledOneHaveNoComparison() {
        String product = data.product(TestData.FENGJIE);
        String first = data.liveSession(product);
        assertThat(data(COMPARISON, Map.of("id", first)).<Object>get("data.session.comparison")).isNull();
        String streamer = data.streamer(TestData.FENGJIE);
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
        endedSession(streamer, product, start, start.plusSeconds(600));
        String scheduled = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        assertThat(data(COMPARISON, Map.of("id", scheduled)).<Object>get("data.session.comparison")).isNull();
    }

    private JsonPath comparison(String session) {
        return data(COMPARISON, Map.of("id", session)).setRootPath("data.session.comparison");
    }

    private String endedSession(String streamer, String product, Instant start, Instant end) {
        String session = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(session);
        data.end(session);
        startedAt(session, start, end);
        return session;
    }

    private void startedAt(String session, Instant start, Instant end) {
        TestData.await(pool.preparedQuery("UPDATE live_session SET started_at = $2, ended_at = coalesce($3, ended_at),"
                + " scheduled_start = $2 WHERE id = $1").execute(Tuple.of(Long.parseLong(session),
                        start.atOffset(ZoneOffset.UTC), end == null ? null : end.atOffset(ZoneOffset.UTC))));
    }

    private static NewOrder order(String session, long host, long product, int quantity, String price, Instant at) {
        return new NewOrder("LIVESTREAM", Long.parseLong(session), host, product, TestData.FENGJIE, quantity,
                new BigDecimal(price), "370000", at, false, false);
    }
}
