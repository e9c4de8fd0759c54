package io.livetally.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.livetally.common.Gen;
import io.livetally.common.Seeds;
import io.livetally.common.TestTokens;
import io.quarkus.logging.Log;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Sends generated requests and judges every answer as the hardening issue asks: never a 5xx, never a
 * class name or stack trace, every error with a documented code ({@code internal-error} excluded: bad
 * input must not end in an unexpected failure) or, found before execution, a spec classification.
 * Problems are collected, not thrown, so one run reports every kind of problem with a sample input.
 */
final class CleanAnswers {

    /** docs/API.md's codes, but internal-error. */
    static final Set<String> CODES = Set.of("unauthenticated", "forbidden", "not-found", "invalid-input",
            "invalid-cursor", "already-exists", "illegal-transition", "product-delisted", "supplier-blacklisted",
            "session-not-live", "product-not-in-session", "outside-live-window", "placed-in-future",
            "invalid-quantity", "invalid-price", "idempotency-conflict", "batch-too-large", "query-timeout",
            "invalid-request", "invalid-syntax", "too-many-tokens");
    /** Errors found before execution: the GraphQL spec's classification instead of a code (docs/API.md). */
    static final Set<String> SPEC_CLASSIFICATIONS = Set.of("InvalidSyntax", "ValidationError");
    /** What the GraphQL-over-HTTP spec allows for a malformed request, besides 200. */
    static final Set<Integer> REQUEST_ERRORS = Set.of(400, 405, 413, 415);
    static final List<String> INTERNALS = List.of("Exception", "at io.", "\tat ", "java.", "io.livetally",
            "org.hibernate", "io.vertx", "io.smallrye", "io.quarkus", "Caused by", "SQLSTATE");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII)
            .build();
    private static final JsonPathConfig EXACT_NUMBERS = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);
    /** Share of requests whose arguments are written inline instead of as variables. */
    private static final double INLINED = 0.15;

    private final String property;
    private final Random random;
    private final Map<String, String> findings = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private int sent;

    /** Answers for one property, whose generation is seeded by its name (and -Dlivetally.seed). */
    CleanAnswers(String property) {
        this.property = property;
        this.random = Seeds.random(property);
    }

    /** Who sends a request: a role's name and its bearer token (null: anonymous). */
    record Client(String name, String token) {

        static Client admin() {
            return new Client("admin", TestTokens.admin());
        }

        static Client official(String regionCode) {
            return new Client("official " + regionCode, TestTokens.official(regionCode));
        }

        static Client host(String streamerId) {
            return new Client("host " + streamerId, TestTokens.host(streamerId));
        }

        static Client platform(String platform) {
            return new Client("platform " + platform, TestTokens.platform(platform));
        }

        static Client anonymous() {
            return new Client("anonymous", null);
        }
    }

    /** Mostly the admin, who passes every access check so the input itself is judged; now and then another. */
    Client pick(Client... others) {
        return others.length == 0 || random.nextDouble() < 0.8 ? Client.admin()
                : others[random.nextInt(others.length)];
    }

    /** The admin or another, alike: queries take different paths for each role. */
    Client anyOf(Client... others) {
        int index = random.nextInt(others.length + 1);
        return index == others.length ? Client.admin() : others[index];
    }

    <T> T draw(Gen<T> gen) {
        return gen.next(random);
    }

    /** A number in [min, max]. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The valid input with one to three of the fields named in {@code bad} replaced by a bad value for that field. */
    Map<String, Object> corrupt(Map<String, ?> valid, Map<String, Gen<?>> bad) {
        Map<String, Object> input = new HashMap<>(valid);
        List<String> fields = new ArrayList<>(new TreeSet<>(bad.keySet()));
        Collections.shuffle(fields, random);
        for (String field : fields.subList(0, 1 + random.nextInt(Math.min(3, fields.size())))) {
            input.put(field, draw(bad.get(field)));
        }
        return input;
    }

    /** The HTTP answer; {@code json} is null when the body is no JSON. */
    record Answer(int status, String body, JsonPath json, Operation operation) {

        List<Map<String, Object>> errors() {
            return json == null || json.get("errors") == null ? List.of() : json.getList("errors");
        }

        /** The field's answer under data (null when absent or failed). */
        <T> T data() {
            return json == null || json.get("data") == null ? null : json.get("data." + operation.path());
        }
    }

    /** Sends the operation; success is allowed, failure must be clean. */
    Answer send(Operation operation, Map<String, ?> arguments, Client client) {
        return judge(operation, arguments, client, false);
    }

    /** Sends an operation whose arguments are invalid: it must fail, cleanly. */
    Answer refused(Operation operation, Map<String, ?> arguments, Client client) {
        return judge(operation, arguments, client, true);
    }

    /** Posts a body as it is (malformed JSON, bad UTF-8): a request error or a clean GraphQL failure. */
    Answer sendRaw(byte[] body, Client client) {
        sent++;
        Answer answer = answer(post(request(client).body(body)), null);
        String start = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        record(answer, "raw body " + start, client, problems(answer, false));
        return answer;
    }

    /** A GET with the query string as it is: a request error or a clean GraphQL answer. */
    Answer sendRawGet(String queryString, Client client) {
        sent++;
        Answer answer = answer(request(client).urlEncodingEnabled(false).when().get("/graphql?" + queryString), null);
        record(answer, "GET ?" + queryString, client, problems(answer, false));
        return answer;
    }

    /** Notes a problem the property found on its own (a wrong stored row, a wrong answer). */
    void finding(String problem, Object sample) {
        findings.putIfAbsent(problem, abbreviate(String.valueOf(sample), 600));
    }

    void assertClean() {
        Log.infof("%s: %d requests in %d ms, %s", property, sent, (System.nanoTime() - started) / 1_000_000,
                Seeds.rerun());
        assertThat(findings).as("%s (%d requests, %s): every problem with its first sample", property, sent,
                Seeds.rerun()).isEmpty();
    }

    private Answer judge(Operation operation, Map<String, ?> arguments, Client client, boolean mustFail) {
        sent++;
        boolean inline = random.nextDouble() < INLINED;
        Map<String, Object> body = new HashMap<>();
        if (inline) {
            body.put("query", operation.inlined(arguments));
        } else {
            Map<String, Object> variables = new HashMap<>();
            arguments.forEach((name, value) -> {
                if (value != null && operation.argumentTypes().containsKey(name)) {
                    variables.put(name, value);
                }
            });
            body.put("query", operation.withVariables());
            body.put("variables", variables);
        }
        Answer answer = answer(post(request(client).body(json(body))), operation);
        record(answer, operation.path() + (inline ? " (inline) " : " ") + arguments, client,
                problems(answer, mustFail));
        return answer;
    }

    private void record(Answer answer, String request, Client client, List<String> problems) {
        String where = answer.operation() == null ? "raw" : answer.operation().path();
        for (String problem : problems) {
            finding(where + ": " + problem, "as " + client.name() + ": " + abbreviate(request, 400) + "\n  -> "
                    + answer.status() + " " + abbreviate(answer.body(), 700));
        }
    }

    private static List<String> problems(Answer answer, boolean mustFail) {
        List<String> problems = new ArrayList<>();
        if (answer.status() != 200 && !REQUEST_ERRORS.contains(answer.status())) {
            problems.add("HTTP " + answer.status());
        }
        // graphql-java's category for resolver failures: its name, not a class of ours.
        String scrubbed = answer.body().replace("\"classification\":\"DataFetchingException\"", "");
        INTERNALS.stream().filter(scrubbed::contains).forEach(internal -> problems.add("leaks '" + internal + "'"));
        if (answer.json() == null) {
            if (answer.status() == 200) {
                problems.add("200 without a JSON body");
            }
            return problems;
        }
        for (Map<String, Object> error : answer.errors()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = (Map<String, Object>) error.getOrDefault("extensions", Map.of());
            Object code = extensions.get("code");
            Object classification = extensions.get("classification");
            if ("internal-error".equals(code)) {
                problems.add("internal-error");
            } else if (code != null && !CODES.contains(code)) {
                problems.add("undocumented code " + code);
            } else if (code == null && !SPEC_CLASSIFICATIONS.contains(classification)) {
                problems.add("error without a code (" + classification + ")");
            }
        }
        if (mustFail && answer.status() == 200 && answer.errors().isEmpty()) {
            problems.add("accepted");
        }
        return problems;
    }

    private static RequestSpecification request(Client client) {
        RequestSpecification request = given().contentType("application/json").accept("application/json");
        return client.token() == null ? request : request.header("Authorization", "Bearer " + client.token());
    }

    private static Response post(RequestSpecification request) {
        return request.when().post("/graphql");
    }

    private static Answer answer(Response response, Operation operation) {
        String body = response.asString();
        JsonPath json;
        try {
            json = JsonPath.from(body).using(EXACT_NUMBERS);
            json.get("$");
        } catch (RuntimeException notJson) {
            json = null;
        }
        return new Answer(response.statusCode(), body, json, operation);
    }

    /** Non-ASCII escaped as \\uXXXX, so lone surrogates reach the server as the JSON escapes they are. */
    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
