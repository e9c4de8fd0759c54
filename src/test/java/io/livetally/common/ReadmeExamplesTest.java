package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.livetally.common.ReadmeExamples.Example;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * Every GraphQL example of README.md, run as a reader pastes it against the dev profile's demo data,
 * with the token its first line names: it answers without errors and shows something (every root
 * field present, no empty list, nothing rejected). Queries and mutations are POSTed; a subscription's
 * first message over graphql-transport-ws must be a {@code next} without errors.
 */
@QuarkusTest
@TestProfile(ReadmeExamplesTest.DemoData.class)
class ReadmeExamplesTest {

    /** The data of {@code ./mvnw quarkus:dev}: Flyway also runs db/demo, as in %dev. */
    public static class DemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.locations", "db/migration,db/demo");
        }
    }

    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @TestFactory
    Stream<DynamicTest> everyExampleAnswersWithDataForTheTokenItNames() {
        List<Example> examples = ReadmeExamples.all();
        assertThat(examples).as("graphql blocks in README.md").isNotEmpty();
        return examples.stream().map(example -> dynamicTest(example.name(), () -> run(example, example.token())));
    }

    /** The README: "The admin token works for all of them." Mutations are left out: they ran above. */
    @TestFactory
    Stream<DynamicTest> theAdminTokenRunsEveryExampleThatChangesNothing() {
        return ReadmeExamples.all().stream().filter(example -> !example.operation().equals("mutation"))
                .map(example -> dynamicTest(example.name() + " as admin", () -> run(example, TestTokens.admin())));
    }

    private void run(Example example, String token) throws IOException {
        Instant now = Instant.now();
        String text = example.runnableAt(now);
        if (example.operation().equals("subscription")) {
            showsSomething(example, firstNext(text, token));
            return;
        }
        boolean recordsOrders = text.contains("recordOrders(");
        if (recordsOrders) {
            // The README: "the value as printed comes back rejected with outside-live-window".
            assertThat(rejections(token, example.text())).isNotEmpty()
                    .allSatisfy(reason -> assertThat(reason).startsWith("outside-live-window"));
        }
        JsonPath answer = GraphQLClient.as(token).json(text, Map.of());
        showsSomething(example, answer.getMap("$"));
        withinTheLimitsOfItsRole(example, token, answer);
        if (recordsOrders) {
            replayIsADuplicateAndAnotherTimeAConflict(example, token, answer, now);
        }
    }

    /**
     * The example costs no more than its role may spend on one operation in production (application.properties),
     * a platform's writes by the ingest bucket's maximum; the admin token's by the admin's.
     */
    private static void withinTheLimitsOfItsRole(Example example, String token, JsonPath answer) throws IOException {
        String label = token.equals(TestTokens.admin()) ? "admin" : example.tokenLabel();
        String role = Stream.of("admin", "official", "host", "platform").filter(label::contains).findFirst().orElse("anonymous");
        boolean ingest = Pattern.compile("\\b(recordOrders?|refundOrder|recordViewerEvents)\\s*\\(").matcher(example.text()).find();
        Properties production = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            production.load(reader);
        }
        long maximum = Long.parseLong(production.getProperty(ingest ? "livetally.limits.ingest.max-cost"
                : "livetally.limits.roles." + role + ".max-cost"));
        assertThat(answer.getLong("extensions.cost.requested")).as("%s: its cost", example.name()).isLessThanOrEqualTo(maximum);
    }

    /** The README: "Sending the same text again changes nothing … another placedAt … idempotency-conflict". */
    private static void replayIsADuplicateAndAnotherTimeAConflict(Example example, String token, JsonPath first,
            Instant now) {
        int accepted = first.getInt("data.recordOrders.accepted");
        assertThat(accepted).as("%s accepted", example.name()).isPositive();
        JsonPath replay = GraphQLClient.as(token).data(example.runnableAt(now), Map.of());
        assertThat(replay.getInt("recordOrders.accepted")).isZero();
        assertThat(replay.getInt("recordOrders.duplicates")).isEqualTo(accepted);
        assertThat(rejections(token, example.runnableAt(now.minusSeconds(1)))).hasSize(accepted)
                .allSatisfy(reason -> assertThat(reason).startsWith("idempotency-conflict"));
    }

    private static List<String> rejections(String token, String recordOrders) {
        return GraphQLClient.as(token).data(recordOrders, Map.of())
                .getList("recordOrders.rejected.reason", String.class);
    }

    private Map<String, Object> firstNext(String text, String token) {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, token)) {
            ws.subscribe("readme", text, Map.of());
            JsonPath message = ws.message();
            assertThat(message.getString("type")).as(message.prettify()).isEqualTo("next");
            return message.getMap("payload");
        }
    }

    /** No errors, every root field answered, no empty list but {@code rejected}, which must be empty. */
    private static void showsSomething(Example example, Map<String, Object> answer) {
        String shown = String.valueOf(answer);
        String where = example.name() + " answered " + (shown.length() > 2000 ? shown.substring(0, 2000) + "…" : shown);
        assertThat(answer.get("errors")).as(where).isNull();
        assertThat(answer.get("data")).as(where).isInstanceOf(Map.class);
        Map<?, ?> data = (Map<?, ?>) answer.get("data");
        assertThat(data).as(where).isNotEmpty();
        data.forEach((field, value) -> assertThat(value).as("%s: %s", where, field).isNotNull());
        nothingEmpty("data", data, where);
    }

    private static void nothingEmpty(String path, Object value, String where) {
        if (value instanceof List<?> list) {
            if (path.endsWith(".rejected")) {
                assertThat(list).as("%s: %s", where, path).isEmpty();
            } else {
                assertThat(list).as("%s: %s", where, path).isNotEmpty();
            }
            for (int i = 0; i < list.size(); i++) {
                nothingEmpty(path + "[" + i + "]", list.get(i), where);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((field, child) -> nothingEmpty(path + "." + field, child, where));
        }
    }
}
