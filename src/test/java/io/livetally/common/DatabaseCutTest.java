package io.livetally.common;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The database cut (its backends terminated, new connections refused, as a failover or a network cut looks to
 * the service): a write is answered {@code unavailable}, retryable, HTTP 503 with {@code Retry-After}, and
 * nothing was stored, so the platform's retry once it is back records the order. Cuts only this test's own
 * database, never the server.
 */
@QuarkusTest
@TestProfile(DatabaseCutTest.OwnApplication.class)
class DatabaseCutTest {

    /**
     * An application of its own, stopped after this test: the cut leaves the reactive pool's connection-timeout
     * timers of the failed acquisitions running (vertx-sql-client#1706), and when they fire Vert.x reports an
     * uncaught exception that would land in the next test class' log.
     */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String RECORD_ORDER = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }""";

    @Inject
    TestData data;

    @Test
    void aWriteWhileTheDatabaseIsCutIsAnsweredUnavailableAndRetryable() throws SQLException {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> order = data.livestreamOrder(session, product);
        Response answer;
        cut(true);
        try {
            answer = GraphQLClient.as(TestTokens.admin()).request(RECORD_ORDER, Map.of("input", order)).post("/graphql");
        } finally {
            cut(false);
        }
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.jsonPath().getString("errors[0].extensions.code")).isEqualTo("unavailable");
        assertThat(answer.jsonPath().getBoolean("errors[0].extensions.retryable")).isTrue();
        assertThat(answer.asString()).doesNotContain("PgException", "FATAL", "at io.");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                data(RECORD_ORDER, Map.of("input", order)).getBoolean("recordOrder.duplicate")).isFalse());
    }

    /** Cuts this test's database (or lets it be connected to again) from the server's maintenance database. */
    private static void cut(boolean cut) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String database = url.substring(slash + 1, query < 0 ? url.length() : query);
        try (Connection admin = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres",
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !cut);
            if (cut) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
