package io.livetally.session;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.Race;
import io.livetally.common.TestData;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SessionLifecycleTest {

    private static final String SCHEDULE = """
            mutation($input: SessionInput!) {
              scheduleSession(input: $input) {
                id title status scheduledStart startedAt endedAt
                streamer { id } region { code } products { id }
              }
            }""";
    private static final String START = """
            mutation($id: ID!) { startSession(id: $id) { id status startedAt endedAt } }""";
    private static final String END = """
            mutation($id: ID!) { endSession(id: $id) { id status startedAt endedAt } }""";
    private static final String CANCEL = """
            mutation($id: ID!) { cancelSession(id: $id) { id status startedAt } }""";
    private static final String SESSION = """
            query($id: ID!) { session(id: $id) { status startedAt endedAt } }""";

    @Inject
    TestData data;

    @Test
    void aScheduledSessionFeaturesItsProductsInTheHostsOrder() {
        String streamer = data.streamer(TestData.FENGJIE);
        String first = data.product(TestData.FENGJIE);
        String second = data.product(TestData.FENGJIE);
        String third = data.product(TestData.WUXI);
        Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(123_456_000);

        JsonPath session = data(SCHEDULE, Map.of("input", input(streamer, List.of(third, first, second))
                .with("scheduledStart", start.toString())));

        assertThat(session.getString("scheduleSession.status")).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(session.getString("scheduleSession.scheduledStart"))).isEqualTo(start);
        assertThat(session.getString("scheduleSession.startedAt")).isNull();
        assertThat(session.getString("scheduleSession.endedAt")).isNull();
        assertThat(session.getString("scheduleSession.streamer.id")).isEqualTo(streamer);
        assertThat(session.getString("scheduleSession.region.code")).isEqualTo(TestData.FENGJIE);
        assertThat(session.getList("scheduleSession.products.id")).containsExactly(third, first, second);
    }

    @Test
    void aSessionOfAnUnknownStreamerIsNotFoundAndNotStored() {
        Variables input = input("987654321", List.of(data.product(TestData.FENGJIE)));

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("not-found");
        assertThat(sessionsTitled(input)).isZero();
    }

    @Test
    void aSessionFeaturingAnUnknownProductIsNotFoundAndNotStored() {
        String product = data.product(TestData.FENGJIE);
        Variables input = input(data.streamer(TestData.FENGJIE), List.of(product, "987654321"));

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("not-found");
        assertThat(sessionsTitled(input)).isZero();
    }

    @Test
    void aSessionInAnUnknownRegionIsNotFound() {
        Variables input = input(data.streamer(TestData.FENGJIE), List.of(data.product(TestData.FENGJIE)))
                .with("regionCode", "599999");

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("not-found");
    }

    @Test
    void aSessionFeaturingADelistedProductIsRefusedAndNotStored() {
        String delisted = data.product(TestData.FENGJIE);
        data.delist(delisted);
        Variables input = input(data.streamer(TestData.FENGJIE), List.of(data.product(TestData.FENGJIE), delisted));

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("product-delisted");
        assertThat(sessionsTitled(input)).isZero();
    }

    @Test
    void aSessionWithoutProductsIsInvalidInput() {
        Variables input = input(data.streamer(TestData.FENGJIE), List.of());

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("invalid-input");
        assertThat(sessionsTitled(input)).isZero();
    }

    @Test
    void aSessionFeaturingAProductTwiceIsInvalidInput() {
        String product = data.product(TestData.FENGJIE);

        assertThat(errorCode(SCHEDULE, Map.of("input", input(data.streamer(TestData.FENGJIE),
                List.of(product, product))))).isEqualTo("invalid-input");
    }

    @Test
    void aSessionScheduledBefore2000IsInvalidInput() {
        Variables input = input(data.streamer(TestData.FENGJIE), List.of(data.product(TestData.FENGJIE)))
                .with("scheduledStart", "1999-12-31T23:00:00Z");

        assertThat(errorCode(SCHEDULE, Map.of("input", input))).isEqualTo("invalid-input");
    }

    @Test
    void startingASessionMakesItLiveFromNow() {
        String session = data.scheduledSession(data.product(TestData.FENGJIE));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        JsonPath started = data(START, Map.of("id", session));

        assertThat(started.getString("startSession.status")).isEqualTo("LIVE");
        assertThat(Instant.parse(started.getString("startSession.startedAt")))
                .isBetween(before, Instant.now());
        assertThat(started.getString("startSession.endedAt")).isNull();
        assertThat(status(session)).isEqualTo("LIVE");
    }

    @Test
    void endingALiveSessionEndsItAfterItStarted() {
        String session = data.liveSession(data.product(TestData.FENGJIE));

        JsonPath ended = data(END, Map.of("id", session));

        assertThat(ended.getString("endSession.status")).isEqualTo("ENDED");
        assertThat(Instant.parse(ended.getString("endSession.endedAt")))
                .isAfterOrEqualTo(Instant.parse(ended.getString("endSession.startedAt")));
        assertThat(status(session)).isEqualTo("ENDED");
    }

    @Test
    void cancellingAScheduledSessionCancelsIt() {
        String session = data.scheduledSession(data.product(TestData.FENGJIE));

        JsonPath cancelled = data(CANCEL, Map.of("id", session));

        assertThat(cancelled.getString("cancelSession.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("cancelSession.startedAt")).isNull();
        assertThat(status(session)).isEqualTo("CANCELLED");
    }

    @Test
    void aSessionCannotStartTwice() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        Instant startedAt = startedAt(session);

        assertThat(errorCode(START, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(status(session)).isEqualTo("LIVE");
        assertThat(startedAt(session)).isEqualTo(startedAt);
    }

    @Test
    void racingStartsOfOneSessionLetExactlyOneWinAndRefuseTheOthersAsIllegal() {
        String session = data.scheduledSession(data.product(TestData.FENGJIE));

        List<JsonPath> answers = Race.of(6, START, Map.of("id", session));

        assertThat(answers).filteredOn(answer -> answer.get("errors") == null)
                .extracting(answer -> answer.getString("data.startSession.status")).containsExactly("LIVE");
        assertThat(answers).filteredOn(answer -> answer.get("errors") != null)
                .extracting(answer -> answer.getString("errors[0].extensions.code"))
                .hasSize(5).containsOnly("illegal-transition");
        assertThat(status(session)).isEqualTo("LIVE");
    }

    @Test
    void aScheduledSessionCannotEnd() {
        String session = data.scheduledSession(data.product(TestData.FENGJIE));

        assertThat(errorCode(END, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(status(session)).isEqualTo("SCHEDULED");
    }

    @Test
    void aLiveSessionCannotBeCancelled() {
        String session = data.liveSession(data.product(TestData.FENGJIE));

        assertThat(errorCode(CANCEL, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(status(session)).isEqualTo("LIVE");
    }

    @Test
    void aCancelledSessionCannotStart() {
        String session = data.scheduledSession(data.product(TestData.FENGJIE));
        data.cancel(session);

        assertThat(errorCode(START, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(status(session)).isEqualTo("CANCELLED");
    }

    @Test
    void anEndedSessionCannotEndAgainNorRestart() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        Instant endedAt = data.end(session);

        assertThat(errorCode(END, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(errorCode(START, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(errorCode(CANCEL, Map.of("id", session))).isEqualTo("illegal-transition");
        assertThat(status(session)).isEqualTo("ENDED");
        assertThat(Instant.parse(data(SESSION, Map.of("id", session)).getString("session.endedAt")))
                .isEqualTo(endedAt);
    }

    @Test
    void transitionsOfAnUnknownSessionAreNotFound() {
        assertThat(errorCode(START, Map.of("id", "987654321"))).isEqualTo("not-found");
        assertThat(errorCode(END, Map.of("id", "987654321"))).isEqualTo("not-found");
        assertThat(errorCode(CANCEL, Map.of("id", "abc"))).isEqualTo("not-found");
    }

    private JsonPath session(String id) {
        return data(SESSION, Map.of("id", id));
    }

    private String status(String id) {
        return session(id).getString("session.status");
    }

    private Instant startedAt(String id) {
        return Instant.parse(session(id).getString("session.startedAt"));
    }

    private long sessionsTitled(Variables input) {
        return data.count("SELECT count(*) FROM live_session WHERE title = $1", input.get("title"));
    }

    private Variables input(String streamer, List<String> productIds) {
        return Variables.of("title", data.unique("奉节脐橙专场")).with("streamerId", streamer)
                .with("regionCode", TestData.FENGJIE)
                .with("scheduledStart", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                .with("productIds", productIds);
    }
}
