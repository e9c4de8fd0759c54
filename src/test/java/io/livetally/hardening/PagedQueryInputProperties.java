package io.livetally.hardening;

import static io.livetally.hardening.BadInputs.badCursor;
import static io.livetally.hardening.BadInputs.badEnum;
import static io.livetally.hardening.BadInputs.badFirst;
import static io.livetally.hardening.BadInputs.badId;
import static io.livetally.hardening.BadInputs.badInt;
import static io.livetally.hardening.BadInputs.badRegionCode;
import static io.livetally.hardening.BadInputs.extremeCursor;
import static io.livetally.hardening.BadInputs.extremeDateTime;
import static io.livetally.hardening.BadInputs.invalidText;
import static io.livetally.hardening.BadInputs.oddValidText;
import static io.livetally.hardening.BadInputs.unparseableDateTime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.livetally.common.Gen;
import io.livetally.common.Seeds;
import io.livetally.common.TestData;
import io.livetally.hardening.BadInputs.EnumValue;
import io.livetally.hardening.CleanAnswers.Answer;
import io.livetally.hardening.CleanAnswers.Client;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Properties: every list, lookup and analytics query answers generated bad arguments (page sizes,
 * cursors, ids, region codes, enums, periods, limits) cleanly — a page, null, or a documented error —
 * and a malformed request is a request error, never a 5xx. Queries store nothing, which is checked too.
 */
@QuarkusTest
@ExtendWith(Seeds.OnFailure.class)
class PagedQueryInputProperties {

    private static final int TRIES = 250;
    private static final Gen<Object> BAD_BOOLEANS = Gen.<Object>of("yes", "", "TRUE", "t", 0, 1, 1.5, "1",
            List.of(true), Map.of("v", true), "1970-01-01T00:00:00Z");

    @Inject
    TestData data;
    @Inject
    StoredRows rows;

    private static final Operation STREAMERS = Operation.query("streamers",
            "streamers(regionCode: $regionCode, first: $first, after: $after) { totalCount edges { cursor } }",
            "regionCode", "ID", "first", "Int", "after", "String");
    private static final Operation PRODUCTS = Operation.query("products",
            "products(regionCode: $regionCode, category: $category, listed: $listed, first: $first, after: $after)"
                    + " { totalCount edges { cursor } }",
            "regionCode", "ID", "category", "String", "listed", "Boolean", "first", "Int", "after", "String");
    private static final Operation ORDERS = Operation.query("orders",
            "orders(filter: $filter, first: $first, after: $after) { totalCount edges { cursor } }",
            "filter", "OrderFilter", "first", "Int", "after", "String");
    private static final Operation STREAMER_SESSIONS = Operation.query("streamer.sessions",
            "streamer(id: $id) { sessions(status: $status, first: $first, after: $after) { totalCount } }",
            "id", "ID!", "status", "SessionStatus", "first", "Int", "after", "String");
    private static final Operation SESSION_ORDERS = Operation.query("session.orders",
            "session(id: $id) { orders(first: $first, after: $after) { totalCount } }",
            "id", "ID!", "first", "Int", "after", "String");

    /** A host with a live session of a product, and one order in it: every list has something to page. */
    private record World(String streamer, String product, String session) {
    }

    private World world() {
        String streamer = data.streamer(TestData.FENGJIE);
        String product = data.product(TestData.FENGJIE);
        String session = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(session);
        data.record(data.livestreamOrder(session, product));
        return new World(streamer, product, session);
    }

    @Test
    void connectionsAnswerBadPagingAndFiltersCleanly() {
        World w = world();
        CleanAnswers answers = new CleanAnswers("connections");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            Operation list = answers.oneOf(List.of(STREAMERS, PRODUCTS, ORDERS, STREAMER_SESSIONS, SESSION_ORDERS));
            Map<String, Object> arguments = new HashMap<>();
            boolean invalid = false;
            if (answers.chance(0.35)) {
                arguments.put("first", answers.draw(badFirst()));
                invalid = true;
            } else if (answers.chance(0.5)) {
                arguments.put("first", answers.between(0, 100));
            }
            if (answers.chance(0.5)) {
                String kind = switch (list.path()) {
                    case "streamers" -> "streamer";
                    case "products" -> "product";
                    case "streamer.sessions" -> "session";
                    default -> "order";
                };
                arguments.put("after", answers.chance(0.8) ? answers.draw(badCursor(kind))
                        : answers.draw(extremeCursor(kind)));
            }
            switch (list.path()) {
                case "streamers" -> arguments.put("regionCode", regionCode(answers));
                case "products" -> {
                    arguments.put("regionCode", regionCode(answers));
                    arguments.put("category", answers.chance(0.5) ? answers.draw(invalidText(100))
                            : answers.draw(oddValidText(100)));
                    arguments.put("listed", answers.chance(0.3) ? answers.draw(BAD_BOOLEANS) : null);
                }
                case "orders" -> invalid |= orderFilter(answers, w, arguments);
                case "streamer.sessions" -> {
                    arguments.put("id", w.streamer());
                    if (answers.chance(0.4)) {
                        arguments.put("status", answers.draw(badEnum()));
                        invalid = true;
                    }
                }
                default -> arguments.put("id", w.session());
            }
            Client client = answers.anyOf(Client.official(TestData.FENGJIE), Client.host(w.streamer()),
                    Client.platform("douyin"), Client.anonymous());
            if (invalid) {
                answers.refused(list, arguments, client);
            } else {
                answers.send(list, arguments, client);
            }
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    /** Fills an OrderFilter; true when one of its values is certainly invalid. */
    private static boolean orderFilter(CleanAnswers answers, World w, Map<String, Object> arguments) {
        Map<String, Object> filter = new HashMap<>();
        boolean invalid = false;
        filter.put("sessionId", answers.chance(0.3) ? answers.draw(badId()) : answers.chance(0.5) ? w.session() : null);
        filter.put("streamerId", answers.chance(0.3) ? answers.draw(badId())
                : answers.chance(0.5) ? w.streamer() : null);
        filter.put("regionCode", regionCode(answers));
        for (String field : List.of("channel", "status")) {
            if (answers.chance(0.15)) {
                filter.put(field, answers.draw(badEnum()));
                invalid = true;
            }
        }
        filter.put("priceAlert", answers.chance(0.2) ? answers.draw(BAD_BOOLEANS) : null);
        invalid |= period(answers, filter);
        if (answers.chance(0.05)) {
            arguments.put("filter", answers.draw(badEnum()));
            return true;
        }
        arguments.put("filter", filter);
        return invalid;
    }

    /** Sets from/to: unparseable (certainly invalid), extreme, or a valid pair reversed (invalid). */
    private static boolean period(CleanAnswers answers, Map<String, Object> arguments) {
        boolean invalid = false;
        for (String end : List.of("from", "to")) {
            if (answers.chance(0.2)) {
                arguments.put(end, answers.draw(unparseableDateTime()));
                invalid = true;
            } else if (answers.chance(0.4)) {
                arguments.put(end, answers.draw(extremeDateTime()));
            }
        }
        if (!invalid && answers.chance(0.1)) {
            arguments.put("from", "2024-06-02T00:00:00Z");
            arguments.put("to", "2024-06-01T23:59:59.999999Z");
            invalid = true;
        }
        return invalid;
    }

    @Test
    void lookupsOfBadIdsAnswerNullOrAnError() {
        List<Operation> lookups = new ArrayList<>(List.of(
                Operation.query("region", "region(code: $id) { code name }", "id", "ID!")));
        for (String entity : List.of("streamer", "session", "product", "supplier", "campaign")) {
            lookups.add(Operation.query(entity, entity + "(id: $id) { id }", "id", "ID!"));
        }
        CleanAnswers answers = new CleanAnswers("lookups");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            Operation lookup = answers.oneOf(lookups);
            Object id = answers.draw(lookup.path().equals("region") ? badRegionCode() : badId());
            Answer answer = answers.send(lookup, Map.of("id", id),
                    answers.anyOf(Client.official(TestData.FENGJIE), Client.host("1"), Client.anonymous()));
            if (answer.data() != null) {
                answers.finding(lookup.path() + ": a bad id found a row", id + " -> " + answer.body());
            }
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    @Test
    void analyticsAnswerBadPeriodsLimitsAndRegionsCleanly() {
        List<Operation> rankings = new ArrayList<>();
        for (String ranking : List.of("topStreamers", "topProducts", "topRegions")) {
            rankings.add(Operation.query(ranking, ranking + "(regionCode: $regionCode, from: $from, to: $to,"
                    + " limit: $limit) { rank totals { netGmv } }", "regionCode", "ID", "from", "DateTime",
                    "to", "DateTime", "limit", "Int"));
        }
        List<Operation> others = List.of(
                Operation.query("campaigns", "campaigns(regionCode: $regionCode) { id }", "regionCode", "ID"),
                Operation.query("liveSessions", "liveSessions(regionCode: $regionCode) { id }", "regionCode", "ID"),
                Operation.query("regions", "regions(parentCode: $regionCode, level: $level) { code }",
                        "regionCode", "ID", "level", "RegionLevel"),
                Operation.query("region.totals", "region(code: \"500236\") { totals(from: $from, to: $to,"
                        + " channel: $channel) { gmv orderCount } }", "from", "DateTime", "to", "DateTime",
                        "channel", "Channel"),
                Operation.query("region.timeSeries", "region(code: \"500236\") { timeSeries(from: $from, to: $to,"
                        + " granularity: $granularity) { gmv } }", "from", "DateTime!", "to", "DateTime!",
                        "granularity", "Granularity!"));
        CleanAnswers answers = new CleanAnswers("analytics");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            Operation query = answers.chance(0.5) ? answers.oneOf(rankings) : answers.oneOf(others);
            Map<String, Object> arguments = new HashMap<>();
            arguments.put("regionCode", regionCode(answers));
            boolean invalid = period(answers, arguments) && query.argumentTypes().containsKey("from");
            if (answers.chance(0.4)) {
                arguments.put("limit", answers.draw(badInt(0, Integer.MAX_VALUE)));
                invalid |= query.argumentTypes().containsKey("limit");
            } else {
                arguments.put("limit", answers.chance(0.5) ? answers.between(0, 100) : Integer.MAX_VALUE);
            }
            for (String enumeration : List.of("level", "channel", "granularity")) {
                if (answers.chance(0.3)) {
                    arguments.put(enumeration, answers.draw(badEnum()));
                    invalid |= query.argumentTypes().containsKey(enumeration);
                }
            }
            arguments.putIfAbsent("granularity",
                    new EnumValue(answers.oneOf(List.of("MINUTE", "HOUR", "DAY", "MONTH"))));
            Client client = answers.anyOf(Client.official(TestData.FENGJIE), Client.official(TestData.WUXI),
                    Client.host("1"), Client.platform("douyin"));
            if (invalid) {
                answers.refused(query, arguments, client);
            } else {
                answers.send(query, arguments, client);
            }
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    @Test
    void malformedRequestsAreRequestErrorsNeverServerErrors() {
        CleanAnswers answers = new CleanAnswers("malformedRequests");
        List<byte[]> bodies = new ArrayList<>();
        for (String body : List.of("", "{", "null", "[]", "not json", "{\"query\": 5}", "{\"query\": null}",
                "{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
                "{\"query\": \"{ __typename }\", \"variables\": [1]}",
                "{\"query\": \"{ __typename }\", \"operationName\": 5}",
                "{\"query\": \"query A { __typename } query B { __typename }\"}",
                "{\"query\": \"{ region(code: \\\"\\ud800\\\") { code } }\"}",
                "{\"query\": \"{ region(code: \\\"\\u0000\\\") { code } }\"}",
                "{\"query\": \"{ region(code: \\\"500236\\\") { code }\", \"query\": \"{ __typename }\"}",
                "{\"query\": \"query($v: String) { __typename }\", \"variables\": {\"v\": "
                        + "[".repeat(5_000) + "]".repeat(5_000) + "}}",
                "{\"query\": \"" + "{ __typename ".repeat(20_000) + "}".repeat(20_000) + "\"}",
                "{\"query\": \"{ __typename }\", \"variables\": {\"v\": 1e99999999999}}")) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        // Not UTF-8 inside a string: a byte UTF-8 never uses, an encoded surrogate, an overlong NUL.
        List<byte[]> notUtf8 = List.of(new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80});
        for (byte[] bytes : notUtf8) {
            bodies.add(withBytes("{\"query\": \"{ region(code: \\\"", bytes, "\\\") { code } }\"}"));
        }
        Gen<byte[]> noise = Gen.bytes(1, 300);
        for (int i = 0; i < 40; i++) {
            bodies.add(answers.draw(noise));
        }
        for (byte[] body : bodies) {
            answers.sendRaw(body, answers.pick(Client.anonymous()));
        }
        // Parameters are URL-decoded twice (by Vert.x, then by SmallRye): %25ZZ arrives as a broken escape.
        for (String query : List.of("query=%7B__typename%7D&variables=5", "query=%7B__typename%7D&variables=%5B1%5D",
                "query=%7B__typename%7D&variables=%25ZZ", "query=%25ZZ", "query=%7B__typename%7D&extensions=x",
                "query=%7B__typename%7D&variables=%7B%22v%22%3A1e99999999999%7D",
                "query=%7B__typename%7D&operationName=%25ZZ", "query=%7Bregion(code%3A%22%5Cu0000%22)%7Bcode%7D%7D",
                "variables=%7B%7D")) {
            answers.sendRawGet(query, answers.pick(Client.anonymous()));
        }
        answers.assertClean();
    }

    private static Object regionCode(CleanAnswers answers) {
        return answers.chance(0.4) ? answers.draw(badRegionCode()) : answers.chance(0.5) ? TestData.FENGJIE : null;
    }

    private static byte[] withBytes(String before, byte[] bytes, String after) {
        byte[] start = before.getBytes(StandardCharsets.UTF_8);
        byte[] end = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + bytes.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bytes, 0, all, start.length, bytes.length);
        System.arraycopy(end, 0, all, start.length + bytes.length, end.length);
        return all;
    }
}
