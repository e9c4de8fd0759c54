package io.livetally.common;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Each write (catalogue, hosts, sessions, campaigns) runs its checks and its changes in one transaction on one
 * connection, whichever stack it uses (Hibernate Reactive for the catalogue and hosts, the reactive pg client for
 * sessions and campaigns): with a pool of a single connection every mutation still completes (a write that held a
 * transaction and read a check on another connection would wait for ever); a check sees what its write will commit
 * over (a delisting racing a scheduling, a blacklisting racing a product's registration, are waited for, not read
 * around); and a failure after a first change leaves nothing behind.
 */
@QuarkusTest
@TestProfile(OneTransactionPerWriteTest.OneConnection.class)
class OneTransactionPerWriteTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SCHEDULE = """
            mutation($input: SessionInput!) { scheduleSession(input: $input) { id } }""";

    /** The reactive pool holds one connection: a write needing a second one cannot finish. */
    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1");
        }
    }

    @Inject
    TestData data;
    @Inject
    DataSource jdbc;

    @Test
    void everyWriteCompletesOnASingleConnection() {
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            String township = data.township(TestData.FENGJIE);
            String supplier = data.supplier(township);
            String product = data.product(supplier, township, "10.00", "10.00");
            data.delist(data.product(supplier, township, "12.00", "12.00"));
            data.blacklist(data.supplier(township));
            String streamer = data.streamer(township);
            data.cancel(data.scheduledSession(streamer, township, List.of(product)));
            String session = data.scheduledSession(streamer, township, List.of(product), campaign(township));
            data.start(session);
            data.end(session);
            // An official's writes check their scope on the same connection: each on rows of a township new to the
            // server, so the region paths of the check are read, not taken from the cache.
            GraphQLClient.As official = as(TestTokens.official(TestData.FENGJIE));
            official.data("mutation($id: ID!) { certifySupplier(id: $id) { id } }", Map.of("id", supplier));
            String other = data.township(TestData.FENGJIE);
            official.data("mutation($input: ProductInput!) { registerProduct(input: $input) { id } }",
                    Map.of("input", data.productInput(data.supplier(other), other)));
            String third = data.township(TestData.FENGJIE);
            official.data("mutation($id: ID!, $reason: String!) { delistProduct(id: $id, reason: $reason) { id } }",
                    Map.of("id", data.product(third), "reason", "认定过期"));
            String fourth = data.township(TestData.FENGJIE);
            official.data("mutation($id: ID!, $reason: String!) { blacklistSupplier(id: $id, reason: $reason) { id } }",
                    Map.of("id", data.supplier(fourth), "reason", "虚假宣传"));
        });

        writes.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Mutations run one after the other, each in its own transaction: the last one's failure undoes only itself. */
    @Test
    void rootMutationFieldsOfOneDocumentRunInATransactionEach() {
        String township = data.township(TestData.WULONG);
        String good = data.unique("合作社");
        String refused = data.unique("合作社");
        String handle = data.unique("host");

        JsonPath answer = GraphQLClient.json("""
                mutation($good: SupplierInput!, $refused: SupplierInput!, $host: StreamerInput!) {
                  good: registerSupplier(input: $good) { id }
                  host: registerStreamer(input: $host) { id }
                  refused: registerSupplier(input: $refused) { id }
                }""", Map.of("good", Map.of("name", good, "regionCode", township, "householdsBenefited", 3),
                "refused", Map.of("name", refused, "regionCode", "599999", "householdsBenefited", 3),
                "host", Map.of("handle", handle, "displayName", "果农", "kind", "FARMER", "platform", "douyin",
                        "homeRegionCode", township)));

        assertThat(answer.getString("errors[0].extensions.code")).as(answer.prettify()).isEqualTo("not-found");
        assertThat(answer.getList("errors.path[0]")).containsExactly("refused");
        assertThat(data.count("SELECT count(*) FROM supplier WHERE name = $1", good)).isOne();
        assertThat(data.count("SELECT count(*) FROM supplier WHERE name = $1", refused)).isZero();
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isOne();
    }

    @Test
    void aSchedulingWaitsForADelistingInFlightAndIsRefusedByIt() throws SQLException {
        Scheduling scheduling = scheduling(TestData.WUXI, "抢跑");

        JsonPath answer = sentWhileUncommitted("UPDATE product SET listed = false WHERE id = "
                + Long.parseLong(scheduling.product()), scheduling::send);

        assertThat(answer.getString("errors[0].extensions.code")).as(answer.prettify()).isEqualTo("product-delisted");
        assertThat(data.count("SELECT count(*) FROM live_session WHERE title = $1", scheduling.title())).isZero();
    }

    @Test
    void aProductRegistrationWaitsForABlacklistingInFlightAndIsRefusedByIt() throws SQLException {
        String township = data.township(TestData.WUXI);
        String supplier = data.supplier(township);
        Map<String, Object> input = data.productInput(supplier, township);

        JsonPath answer = sentWhileUncommitted("UPDATE supplier SET blacklisted = true WHERE id = "
                + Long.parseLong(supplier), () -> GraphQLClient.json("""
                        mutation($input: ProductInput!) { registerProduct(input: $input) { id } }""",
                Map.of("input", input)));

        assertThat(answer.getString("errors[0].extensions.code")).as(answer.prettify())
                .isEqualTo("supplier-blacklisted");
        assertThat(data.count("SELECT count(*) FROM product WHERE name = $1", input.get("name"))).isZero();
    }

    /**
     * The answer to a write sent while another transaction has changed a row it checks and not committed yet: the
     * write must wait for that transaction (its check locks the row), then judge what it committed.
     */
    private JsonPath sentWhileUncommitted(String change, Supplier<JsonPath> write)
            throws SQLException {
        try (Connection changing = jdbc.getConnection()) {
            changing.setAutoCommit(false);
            try (Statement statement = changing.createStatement()) {
                statement.executeUpdate(change);
            }

            CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(write);
            pause(Duration.ofMillis(700));
            assertThat(answer).as("the write waits for the uncommitted change to end").isNotDone();

            changing.commit();
            return answer.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    @Test
    void aFailureAfterTheFirstChangeOfAWriteLeavesNothingBehind() throws SQLException {
        Scheduling scheduling = scheduling(TestData.FENGJIE, "回滚");
        long refused = Long.parseLong(scheduling.product());
        // The session's row is written first, its featured products after: this makes the second statement fail.
        execute("CREATE FUNCTION test_refuse_feature() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.product_id = " + refused + " THEN RAISE EXCEPTION 'refused by the test'; END IF;"
                + " RETURN NEW; END $$");
        try {
            execute("CREATE TRIGGER test_refuse_feature BEFORE INSERT ON live_session_product FOR EACH ROW"
                    + " EXECUTE FUNCTION test_refuse_feature()");

            JsonPath answer = scheduling.send();

            assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("internal-error");
        } finally {
            execute("DROP TRIGGER IF EXISTS test_refuse_feature ON live_session_product");
            execute("DROP FUNCTION IF EXISTS test_refuse_feature()");
        }
        assertThat(data.count("SELECT count(*) FROM live_session WHERE title = $1", scheduling.title())).isZero();
    }

    /** A scheduling to send: a new host of a new township featuring a new product, under a unique title. */
    private record Scheduling(String township, String streamer, String product, String title) {

        JsonPath send() {
            return GraphQLClient.json(SCHEDULE, Map.of("input", Map.of("title", title, "streamerId", streamer,
                    "regionCode", township, "scheduledStart", Instant.now().plus(1, ChronoUnit.HOURS).toString(),
                    "productIds", List.of(product))));
        }
    }

    private Scheduling scheduling(String district, String title) {
        String township = data.township(district);
        return new Scheduling(township, data.streamer(township), data.product(township), data.unique(title));
    }

    private String campaign(String region) {
        return GraphQLClient.data("""
                mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""",
                Map.of("input", Map.of("name", data.unique("消费扶贫"), "originRegionCode", region,
                        "startsOn", LocalDate.now().toString(), "endsOn", LocalDate.now().plusDays(30).toString(),
                        "targetAmount", "1000.00"))).getString("createCampaign.id");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
