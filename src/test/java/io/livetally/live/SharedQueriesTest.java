package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.FailingProbeGraphQLApi;
import io.livetally.common.GraphQLClient;
import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * Queries over the screen's WebSocket (the host screen's latest orders and minute trend, docs/SCREENS.md): identical
 * queries of one scope that wait together cost one execution, each answer was read after its question arrived, and
 * no scope ever gets another's answer.
 */
@QuarkusTest
class SharedQueriesTest {

    /** What host.js refetches when the figures show new orders. */
    private static final String REFRESH = """
            query Refresh($id: ID!, $timeline: Boolean!) { session(id: $id) {
              orders(first: 12) { edges { node { id quantity amount placedAt priceAlert status product { id name } } } }
              timeline(granularity: MINUTE) @include(if: $timeline) { start gmv orderCount } } }""";
    private static final String EXECUTIONS = "livetally_queries_shared_executions_total";

    @Inject
    TestData data;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void readersWhoArriveWhileAReadRunsShareTheNextReadOneSqlStatementForAllOfThem() {
        String host = TestTokens.host(data.streamer(TestData.FENGJIE));
        List<GraphQLWsClient> screens = new ArrayList<>();
        try {
            for (int i = 0; i < 15; i++) {
                screens.add(GraphQLWsClient.connect(vertx, graphql, host));
            }
            GraphQLWsClient official = GraphQLWsClient.connect(vertx, graphql, TestTokens.official(TestData.FENGJIE));
            screens.add(official);
            int reads = FailingProbeGraphQLApi.SLOW_READS.get();
            double executions = PrometheusMetrics.value(EXECUTIONS);

            // The first question starts a read of 300 ms; the 14 others arrive while it runs.
            screens.get(0).subscribe("q", "query { testOnlySlowRead }", Map.of());
            sleep(100);
            for (GraphQLWsClient screen : screens.subList(1, 15)) {
                screen.subscribe("q", "query { testOnlySlowRead }", Map.of());
            }
            // Another scope: never the host's answer, its own read.
            official.subscribe("q", "query { testOnlySlowRead }", Map.of());

            int first = screens.get(0).next("q").getInt("testOnlySlowRead");
            screens.get(0).complete("q");
            List<Integer> later = new ArrayList<>();
            for (GraphQLWsClient screen : screens.subList(1, 15)) {
                later.add(screen.next("q").getInt("testOnlySlowRead"));
                screen.complete("q");
            }
            int officialAnswer = official.next("q").getInt("testOnlySlowRead");
            official.complete("q");

            // 16 questions, three SQL reads: the host's first, the host's next one for the 14 who came meanwhile (not
            // the first's answer: it was read before they asked), and the official's own.
            assertThat(FailingProbeGraphQLApi.SLOW_READS.get() - reads).isEqualTo(3);
            assertThat(PrometheusMetrics.value(EXECUTIONS) - executions).isEqualTo(3);
            assertThat(later).hasSize(14).allMatch(answer -> answer.equals(later.get(0)));
            assertThat(later.get(0)).isNotEqualTo(first).isNotEqualTo(officialAnswer);
        } finally {
            screens.forEach(GraphQLWsClient::close);
        }
    }

    @Test
    void everyScreenOfTheHostGetsTheFeedAsTheApiAnswersItAndOtherScopesGetTheirOwnAnswer() {
        String product = data.product(TestData.FENGJIE);
        String streamer = data.streamer(TestData.FENGJIE);
        String session = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(session);
        for (int i = 0; i < 3; i++) {
            data.record(data.livestreamOrder(session, product));
        }
        String host = TestTokens.host(streamer);
        String otherHost = TestTokens.host(data.streamer(TestData.FENGJIE));
        String otherOfficial = TestTokens.official(TestData.WUXI);
        String official = TestTokens.official(TestData.FENGJIE);
        Map<String, Object> variables = Map.of("id", session, "timeline", true);
        JsonPath expected = GraphQLClient.as(host).data(REFRESH, variables);
        assertThat(expected.getList("session.orders.edges")).hasSize(3);

        List<GraphQLWsClient> hosts = new ArrayList<>();
        try (GraphQLWsClient stranger = GraphQLWsClient.connect(vertx, graphql, otherHost);
                GraphQLWsClient elsewhere = GraphQLWsClient.connect(vertx, graphql, otherOfficial);
                GraphQLWsClient theirs = GraphQLWsClient.connect(vertx, graphql, official)) {
            for (int i = 0; i < 10; i++) {
                hosts.add(GraphQLWsClient.connect(vertx, graphql, host));
            }
            // The same document and variables from every scope, at once.
            for (int i = 0; i < hosts.size(); i++) {
                hosts.get(i).subscribe("r", REFRESH, variables);
                if (i == 4) {
                    stranger.subscribe("r", REFRESH, variables);
                    elsewhere.subscribe("r", REFRESH, variables);
                    theirs.subscribe("r", REFRESH, variables);
                }
            }
            for (GraphQLWsClient screen : hosts) {
                assertThat(screen.next("r").getMap("session")).isEqualTo(expected.getMap("session"));
                screen.complete("r");
            }
            for (GraphQLWsClient refused : List.of(stranger, elsewhere)) {
                JsonPath answer = refused.message();
                assertThat(answer.getString("type")).isEqualTo("next");
                assertThat(answer.getMap("payload.data")).containsEntry("session", null);
                assertThat(answer.getString("payload.errors[0].extensions.code")).isEqualTo("forbidden");
                refused.complete("r");
            }
            assertThat(theirs.next("r").getMap("session")).isEqualTo(expected.getMap("session"));
            theirs.complete("r");
        } finally {
            hosts.forEach(GraphQLWsClient::close);
        }
    }

    @Test
    void anOrderAcknowledgedBeforeTheQuestionIsInTheAnswerWhileOtherScreensKeepAsking() throws Exception {
        String product = data.product(TestData.FENGJIE);
        String streamer = data.streamer(TestData.FENGJIE);
        String session = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(session);
        String host = TestTokens.host(streamer);
        Map<String, Object> variables = Map.of("id", session, "timeline", false);
        AtomicBoolean asking = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<GraphQLWsClient> busy = new ArrayList<>();
        try (GraphQLWsClient screen = GraphQLWsClient.connect(vertx, graphql, host)) {
            // Other screens of the host ask the same, again and again: some read is nearly always running.
            List<Future<Integer>> loops = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                GraphQLWsClient other = GraphQLWsClient.connect(vertx, graphql, host);
                busy.add(other);
                loops.add(pool.submit(() -> {
                    int answers = 0;
                    for (int n = 0; asking.get(); n++) {
                        other.subscribe("b" + n, REFRESH, variables);
                        other.next("b" + n);
                        other.complete("b" + n);
                        answers++;
                    }
                    return answers;
                }));
            }
            for (int i = 0; i < 15; i++) {
                String order = data.record(data.livestreamOrder(session, product));
                screen.subscribe("s" + i, REFRESH, variables);
                JsonPath answer = screen.next("s" + i);
                screen.complete("s" + i);
                assertThat(answer.getList("session.orders.edges")).hasSize(Math.min(12, i + 1));
                assertThat(answer.getString("session.orders.edges[0].node.id")).as("the newest order").isEqualTo(order);
            }
            asking.set(false);
            for (Future<Integer> loop : loops) {
                assertThat(loop.get()).isPositive();
            }
        } finally {
            asking.set(false);
            pool.shutdown();
            busy.forEach(GraphQLWsClient::close);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
