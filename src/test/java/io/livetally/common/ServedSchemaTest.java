package io.livetally.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/schema.graphql is the SDL the service serves at /graphql/schema.graphql, so a reader of the
 * repository sees the schema without running it. After a schema change, regenerate the copy with
 * {@code ./mvnw test -Dtest=ServedSchemaTest -Dlivetally.schema.update=true} and commit it.
 */
@QuarkusTest
class ServedSchemaTest {

    private static final Path COPY = Path.of("docs/schema.graphql");
    private static final String UPDATE = "livetally.schema.update";
    private static final int HINT_LINES = 20;

    @Test
    void theCommittedSchemaIsTheServedOne() throws IOException {
        String served = withoutTestOnlyFields(given().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(COPY, served);
            Log.infof("wrote the served schema to %s: commit it", COPY);
        }
        String committed = Files.exists(COPY) ? Files.readString(COPY) : "";
        assertThat(committed).as(hint(committed, served)).isEqualTo(served);
    }

    /** The fields only the tests' {@link FailingProbeGraphQLApi} adds to Query: no deployed service has them. */
    private static String withoutTestOnlyFields(String sdl) {
        Set<String> testOnly = Arrays.stream(FailingProbeGraphQLApi.class.getDeclaredMethods())
                .map(method -> method.getAnnotation(Query.class)).filter(Objects::nonNull).map(Query::value)
                .collect(Collectors.toSet());
        assertThat(testOnly).isNotEmpty();
        return sdl.lines().filter(line -> testOnly.stream().noneMatch(field -> declares(line, field)))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static boolean declares(String line, String field) {
        return line.strip().startsWith(field + ":") || line.strip().startsWith(field + "(");
    }

    /** Which lines differ, and how to bring the copy up to date. */
    private static String hint(String committed, String served) {
        List<String> missing = new ArrayList<>(served.lines().toList());
        List<String> stale = new ArrayList<>(committed.lines().toList());
        committed.lines().forEach(missing::remove);
        served.lines().forEach(stale::remove);
        return COPY + " differs from /graphql/schema.graphql; regenerate it with"
                + " ./mvnw test -Dtest=ServedSchemaTest -D" + UPDATE + "=true (or, with ./mvnw quarkus:dev running,"
                + " curl -s http://localhost:8080/graphql/schema.graphql > " + COPY + ") and commit it."
                + "\nserved, not in the copy:\n" + first(missing, "+")
                + "\nin the copy, not served:\n" + first(stale, "-") + "\n";
    }

    private static String first(List<String> lines, String mark) {
        if (lines.isEmpty()) {
            return "  (none)";
        }
        List<String> shown = lines.size() > HINT_LINES ? lines.subList(0, HINT_LINES) : lines;
        return mark + " " + String.join("\n" + mark + " ", shown);
    }
}
