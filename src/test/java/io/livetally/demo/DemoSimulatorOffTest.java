package io.livetally.demo;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

/** The default test profile: the demo simulator does not run, so a LIVE session stays as quiet as its platform. */
@QuarkusTest
class DemoSimulatorOffTest {

    private static final String VIEWERS = """
            query($id: ID!) { session(id: $id) { stats { orderCount currentViewers views } } }""";

    @Inject
    TestData data;
    @Inject
    Scheduler scheduler;

    @Test
    void theSimulatorDoesNotRunUnlessAsked() {
        String session = data.liveSession(data.product(TestData.FENGJIE));

        assertThat(scheduler.getScheduledJob(DemoSimulator.JOB)).isNull();
        // Longer than a few of its ticks: neither orders nor viewers appear.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                data.count("SELECT count(*) FROM sales_order WHERE external_id LIKE 'sim-%'") == 0
                        && data(VIEWERS, Map.of("id", session)).getInt("session.stats.views") == 0);
    }
}
