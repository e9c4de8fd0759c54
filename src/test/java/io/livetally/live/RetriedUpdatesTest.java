package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A crash between an order's commit and its counter update loses the answer too, so the platform retries the
 * order: the retry is answered {@code duplicate} and counts the order, once. The reconciler is off here, so
 * only the retry can count it.
 */
@QuarkusTest
@TestProfile(RetriedUpdatesTest.NoReconciler.class)
class RetriedUpdatesTest {

    public static class NoReconciler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.live.reconcile-interval", "1h");
        }
    }

    private static final String RECORD_ORDER = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }""";
    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { ...Sales } } }
            """ + SessionSales.FRAGMENT;
    /** The order as an instance that crashed after the commit left it: stored, never counted. */
    private static final String COMMITTED_UNCOUNTED = """
            INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id,
                                     origin_region_code, quantity, unit_price, amount, buyer_province, buyer_ref,
                                     placed_at, price_alert, buyer_type, certified)
            SELECT platform, $2, channel, session_id, streamer_id, product_id, origin_region_code, quantity, unit_price,
                   amount, buyer_province, buyer_ref, placed_at, price_alert, buyer_type, certified
            FROM sales_order WHERE id = $1 RETURNING id""";

    @Inject
    TestData data;
    @Inject
    Pool pool;

    @Test
    void aRetriedOrderWhoseCounterUpdateWasLostIsCountedOnce() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> first = data.livestreamOrder(session, product);
        String firstId = data.record(first);
        Map<String, Object> lost = new HashMap<>(first);
        lost.put("externalId", data.unique("DY"));
        pool.preparedQuery(COMMITTED_UNCOUNTED).execute(Tuple.of(Long.valueOf(firstId), lost.get("externalId")))
                .await().indefinitely();
        assertThat(sales(session).orderCount()).as("the counters never saw the crashed instance's order").isEqualTo(1);

        for (int retry = 0; retry < 2; retry++) {
            assertThat(data(RECORD_ORDER, Map.of("input", lost)).getBoolean("recordOrder.duplicate")).isTrue();
            assertThat(sales(session)).isEqualTo(SessionSales.inPostgres(pool, session));
            assertThat(sales(session).orderCount()).isEqualTo(2);
        }
    }

    private static SessionSales sales(String session) {
        return SessionSales.of(data(STATS, Map.of("id", session)).setRootPath("data.session.stats"));
    }
}
