package io.livetally.streamer;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
class StreamerGraphQLApiTest {

    private static final String REGISTER = """
            mutation($input: StreamerInput!) {
              registerStreamer(input: $input) { id handle displayName kind platform homeRegion { code name } }
            }""";
    private static final String STREAMER = """
            query($id: ID!) { streamer(id: $id) { id handle kind platform homeRegion { code } } }""";
    private static final String STREAMERS = """
            query($regionCode: ID, $first: Int, $after: String) {
              streamers(regionCode: $regionCode, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id homeRegion { code } } }
              }
            }""";
    private static final String SESSIONS = """
            query($id: ID!, $status: SessionStatus, $first: Int, $after: String) {
              streamer(id: $id) {
                sessions(status: $status, first: $first, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor } edges { node { id status scheduledStart } }
                }
              }
            }""";

    @Inject
    TestData data;

    @Test
    void aRegisteredStreamerHasItsHandleKindPlatformAndHomeRegion() {
        String handle = data.unique("奉节小橙");

        JsonPath streamer = data(REGISTER, Map.of("input", input(handle, "douyin", TestData.FENGJIE)));

        assertThat(streamer.getString("registerStreamer.handle")).isEqualTo(handle);
        assertThat(streamer.getString("registerStreamer.displayName")).isEqualTo("县长带货");
        assertThat(streamer.getString("registerStreamer.kind")).isEqualTo("OFFICIAL");
        assertThat(streamer.getString("registerStreamer.platform")).isEqualTo("douyin");
        assertThat(streamer.getString("registerStreamer.homeRegion.name")).isEqualTo("奉节县");
        String id = streamer.getString("registerStreamer.id");
        assertThat(data(STREAMER, Map.of("id", id)).getString("streamer.handle")).isEqualTo(handle);
    }

    @Test
    void aHandleTakenOnThePlatformAlreadyExistsAndIsNotStoredTwice() {
        String handle = data.unique("网红");
        data(REGISTER, Map.of("input", input(handle, "kuaishou", TestData.WUXI)));

        assertThat(errorCode(REGISTER, Map.of("input", input(handle, "kuaishou", TestData.FENGJIE))))
                .isEqualTo("already-exists");
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isEqualTo(1);
    }

    @Test
    void racingRegistrationsOfOneHandleLetExactlyOneWin() {
        String handle = data.unique("抢注");

        List<JsonPath> answers = Race.of(6, REGISTER, Map.of("input", input(handle, "douyin", TestData.FENGJIE)));

        assertThat(answers).filteredOn(answer -> answer.get("errors") == null).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.get("errors") != null)
                .extracting(answer -> answer.getString("errors[0].extensions.code"))
                .hasSize(5).containsOnly("already-exists");
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isEqualTo(1);
    }

    @Test
    void theSameHandleMayBeUsedOnAnotherPlatform() {
        String handle = data.unique("网红");
        String onDouyin = data(REGISTER, Map.of("input", input(handle, "douyin", TestData.WUXI)))
                .getString("registerStreamer.id");

        String onTaobao = data(REGISTER, Map.of("input", input(handle, "taobao-live", TestData.WUXI)))
                .getString("registerStreamer.id");

        assertThat(onTaobao).isNotEqualTo(onDouyin);
    }

    @Test
    void aStreamerFromAnUnknownRegionIsNotFound() {
        assertThat(errorCode(REGISTER, Map.of("input", input(data.unique("h"), "douyin", "599999"))))
                .isEqualTo("not-found");
    }

    @Test
    void aBlankHandleIsInvalidInput() {
        assertThat(errorCode(REGISTER, Map.of("input", input(" ", "douyin", TestData.FENGJIE))))
                .isEqualTo("invalid-input");
    }

    @Test
    void anUnknownStreamerIsNull() {
        assertThat(data(STREAMER, Map.of("id", "987654321")).getMap("streamer")).isNull();
    }

    @Test
    void streamersOfARegionArePagedWithoutRepeatsOrGaps() {
        String township = data.township(TestData.WULONG);
        String village = data.village(township);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(data.streamer(i < 6 ? township : village));
        }
        data.streamer(TestData.WULONG);

        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNextPage = true;
        while (hasNextPage) {
            JsonPath page = data(STREAMERS, Variables.of("regionCode", township).with("first", 5).with("after", after));
            assertThat(page.getInt("streamers.totalCount")).isEqualTo(12);
            seen.addAll(page.getList("streamers.edges.node.id"));
            hasNextPage = page.getBoolean("streamers.pageInfo.hasNextPage");
            after = page.getString("streamers.pageInfo.endCursor");
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aStreamersSessionsAreListedLatestScheduledFirstAndPaged() {
        String streamer = data.streamer(TestData.FENGJIE);
        String product = data.product(TestData.FENGJIE);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant start = base.plus(i, ChronoUnit.HOURS);
            newestFirst.add(0, data.scheduledSession(streamer, TestData.FENGJIE, start, List.of(product)));
        }

        JsonPath first = sessions(Variables.of("id", streamer).with("first", 2));
        JsonPath rest = sessions(Variables.of("id", streamer).with("first", 10)
                .with("after", first.getString("streamer.sessions.pageInfo.endCursor")));

        assertThat(first.getInt("streamer.sessions.totalCount")).isEqualTo(5);
        assertThat(first.getBoolean("streamer.sessions.pageInfo.hasNextPage")).isTrue();
        assertThat(rest.getBoolean("streamer.sessions.pageInfo.hasNextPage")).isFalse();
        List<String> seen = new ArrayList<>(first.getList("streamer.sessions.edges.node.id"));
        seen.addAll(rest.getList("streamer.sessions.edges.node.id"));
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aStreamersSessionsFilterByStatus() {
        String streamer = data.streamer(TestData.FENGJIE);
        String product = data.product(TestData.FENGJIE);
        String live = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        String cancelled = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        String scheduled = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(live);
        data.cancel(cancelled);

        assertThat(sessionIds(streamer, "LIVE")).containsExactly(live);
        assertThat(sessionIds(streamer, "CANCELLED")).containsExactly(cancelled);
        assertThat(sessionIds(streamer, "SCHEDULED")).containsExactly(scheduled);
        assertThat(sessionIds(streamer, "ENDED")).isEmpty();
        assertThat(sessions(Variables.of("id", streamer)).getInt("streamer.sessions.totalCount")).isEqualTo(3);
    }

    @Test
    void aSessionCursorIsRefusedByTheStreamerList() {
        String streamer = data.streamer(TestData.FENGJIE);
        data.scheduledSession(streamer, TestData.FENGJIE, List.of(data.product(TestData.FENGJIE)));
        String sessionCursor = sessions(Variables.of("id", streamer).with("first", 1))
                .getString("streamer.sessions.pageInfo.endCursor");

        assertThat(errorCode(STREAMERS, Variables.of("after", sessionCursor))).isEqualTo("invalid-cursor");
    }

    private JsonPath sessions(Variables variables) {
        return data(SESSIONS, variables);
    }

    private List<String> sessionIds(String streamer, String status) {
        return sessions(Variables.of("id", streamer).with("status", status)).getList("streamer.sessions.edges.node.id");
    }

    private static Map<String, Object> input(String handle, String platform, String homeRegion) {
        return Map.of("handle", handle, "displayName", "县长带货", "kind", "OFFICIAL", "platform", platform,
                "homeRegionCode", homeRegion);
    }
}
