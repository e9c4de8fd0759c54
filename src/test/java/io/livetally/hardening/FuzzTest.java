package io.livetally.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.livetally.common.Gen;
import io.livetally.common.GraphQLClient;
import io.livetally.common.Seeds;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.livetally.hardening.ArgumentValues.World;
import io.livetally.hardening.Documents.Document;
import io.livetally.hardening.RawHttp.Exchange;
import io.livetally.hardening.Verdicts.Expectation;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fuzz suite of issue 18: malformed HTTP envelopes ({@link Envelopes}), then documents generated from the
 * served schema ({@link Documents}, {@link HostileDocuments}) for every role and none, each answer judged by
 * {@link Verdicts}, the stored rows checked with SQL (a refused request changes nothing, no row breaks a
 * rule) and the log watched (no ERROR, no stack trace). Seeded: {@code -Dlivetally.seed=N} replays a run; {@code -Dlivetally.fuzz.envelopes} and
 * {@code -Dlivetally.fuzz.documents} set how many of each are sent. Every problem is collected, then reported
 * by category with its first example; the figures are logged either way.
 */
@QuarkusTest
@ExtendWith(Seeds.OnFailure.class)
class FuzzTest {

    private static final int ENVELOPES = Integer.getInteger("livetally.fuzz.envelopes", 1_000);
    private static final int DOCUMENTS = Integer.getInteger("livetally.fuzz.documents", 2_000);
    /** Far more than any answer takes: a request that needs it is hanging. */
    private static final long DEADLINE_MILLIS = 5_000;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII)
            .build();
    private static final Gen<String> ACCEPT = Gen.of(null, "application/json", "application/graphql-response+json",
            "application/graphql-response+json, application/json;q=0.9", "*/*");

    @TestHTTPResource("/graphql")
    URI graphql;
    @Inject
    TestData data;
    @Inject
    StoredRows rows;

    /** Who sends a document: a role's name and token (null: none). */
    private record Client(String name, String token) {
    }

    @Test
    void whateverAStrangerSendsTheAnswerIsCleanAndNothingIsStoredWrong() throws IOException {
        World world = world();
        Schema schema = Schema.of(JSON.readTree(GraphQLClient.post(Schema.INTROSPECTION, Map.of()).extract()
                .asString()));
        Documents documents = new Documents(schema, new ArgumentValues(schema, world));
        HostileDocuments hostile = new HostileDocuments(documents);
        String host = graphql.getHost() + ":" + graphql.getPort();
        Envelopes envelopes = new Envelopes(host);
        List<Client> clients = List.of(new Client("admin", TestTokens.admin()),
                new Client("official " + TestData.FENGJIE, TestTokens.official(TestData.FENGJIE)),
                new Client("official " + TestData.WUXI, TestTokens.official(TestData.WUXI)),
                new Client("host " + world.streamer(), TestTokens.host(world.streamer())),
                new Client("platform douyin", TestTokens.platform("douyin")), new Client("anonymous", null));
        FuzzFigures figures = new FuzzFigures();
        StoredRows.Snapshot start = rows.snapshot();
        LoudLog log = new LoudLog();
        Logger.getLogger("").addHandler(log);
        try (RawHttp http = new RawHttp(graphql.getHost(), graphql.getPort(), DEADLINE_MILLIS)) {
            Random random = Seeds.random("FuzzTest.envelopes");
            for (int i = 1; i <= ENVELOPES; i++) {
                Envelopes.Kind kind = Envelopes.KINDS.get(random.nextInt(Envelopes.KINDS.size()));
                RawRequest request = envelopes.next(random, kind);
                send(http, figures, i, "envelope/" + kind.name(), kind.finding(), "envelope", request,
                        new Expectation(request.owesGraphQLAnswer(), request.mustClose(), request.refused(),
                                request.answerIsOptional(), false, request.toString()));
            }
            Map<String, Long> afterEnvelopes = rows.counts();
            if (!afterEnvelopes.equals(start.counts())) {
                figures.finding("envelopes: rows stored by a request that had to be refused",
                        start.counts() + " -> " + afterEnvelopes);
            }
            random = Seeds.random("FuzzTest.documents");
            for (int i = 1; i <= DOCUMENTS; i++) {
                Document document = document(random, documents, hostile);
                Client client = clients.get(random.nextInt(clients.size()));
                RawRequest request = request(random, host, document, client);
                Map<String, Long> before = document.operation().equals("mutation") ? rows.counts() : null;
                Exchange answer = send(http, figures, ENVELOPES + i, "document/" + document.kind(), "", client.name(),
                        request, new Expectation(true, request.mustClose(), false, false,
                                document.operation().equals("subscription"), request.toString()));
                if (before != null && refusedEveryRoot(answer, document) && !rows.counts().equals(before)) {
                    figures.finding("document/mutation: a refused mutation changed the stored rows",
                            "request #" + (ENVELOPES + i) + " as " + client.name() + ": " + document.text());
                }
            }
        }
        Logger.getLogger("").removeHandler(log);
        log.records.forEach(r -> figures.finding("logged at " + r.getLevel() + (r.getThrown() == null ? ""
                : " with a stack trace") + " by " + r.getLoggerName(), r.getMessage() + (r.getThrown() == null ? ""
                        : " (" + r.getThrown().getClass().getSimpleName() + ")")));
        rows.invalidRowsSince(start.watermark()).forEach(row -> figures.finding("a stored row breaks a rule", row));
        Log.info(figures.figures());
        assertThat(figures.clean()).as(figures.findings()).isTrue();
    }

    /** Issue 18: nothing a client sends is logged as an ERROR or with a stack trace (an easy way to flood it). */
    private static final class LoudLog extends Handler {

        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static Exchange send(RawHttp http, FuzzFigures figures, int number, String kind, String finding,
            String client, RawRequest request, Expectation expected) throws IOException {
        Exchange answer = http.send(request.bytes(), request.halfCloses(), request.mustClose(),
                request.method().equals("HEAD"));
        figures.count(number, kind, finding, client, request, answer, Verdicts.problems(answer, expected));
        return answer;
    }

    /** Queries mostly, a third mutations, a few subscriptions (over plain HTTP: refused), hostile documents. */
    private static Document document(Random random, Documents documents, HostileDocuments hostile) {
        int pick = random.nextInt(100);
        if (pick < 12) {
            return hostile.next(random);
        }
        return documents.next(random, pick < 17 ? "subscription" : pick < 45 ? "mutation" : "query");
    }

    /** The document as a client sends it: JSON by POST mostly, by GET (short ones), or as application/graphql. */
    private static RawRequest request(Random random, String host, Document document, Client client) throws IOException {
        RawRequest request = new RawRequest(host);
        if (client.token() != null) {
            request.header("Authorization: Bearer " + client.token());
        }
        String accept = ACCEPT.next(random);
        if (accept != null) {
            request.header("Accept: " + accept);
        }
        if (random.nextInt(10) == 0) {
            request.header("Connection: close");
        }
        int framing = random.nextInt(20);
        String variables = JSON.writeValueAsString(document.variables());
        if (framing < 3) {
            String target = "/graphql?query=" + URLEncoder.encode(document.text(), StandardCharsets.UTF_8)
                    + (document.variables().isEmpty() ? "" : "&variables=" + URLEncoder.encode(variables,
                            StandardCharsets.UTF_8))
                    + (document.operationName() == null ? "" : "&operationName=" + document.operationName());
            if (target.length() < 4_000) {
                return request.method("GET").target(target);
            }
        }
        if (framing == 3 && document.variables().isEmpty() && document.operationName() == null) {
            return request.header("Content-Type: application/graphql").body(document.text());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", document.text());
        if (!document.variables().isEmpty() || random.nextBoolean()) {
            body.put("variables", document.variables());
        }
        if (document.operationName() != null) {
            body.put("operationName", document.operationName());
        }
        return request.header("Content-Type: application/json").body(JSON.writeValueAsBytes(body));
    }

    /**
     * True when no root field of the mutation ran: refused before execution (errors without a path) or each
     * root refused itself (an error at exactly its path). A root whose own value failed only in a child field
     * (a non-null child's error nulls it) did run, and may have stored rows.
     */
    private static boolean refusedEveryRoot(Exchange answer, Document document) {
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            return true;
        }
        if (json == null || !json.path("errors").isArray() || json.path("errors").isEmpty()) {
            return answer.status() != 200;
        }
        List<String> refused = new ArrayList<>();
        boolean located = false;
        for (JsonNode error : json.path("errors")) {
            JsonNode path = error.path("path");
            located |= path.isArray() && !path.isEmpty();
            if (path.isArray() && path.size() == 1) {
                refused.add(path.get(0).asText());
            }
        }
        return !located || refused.containsAll(document.roots());
    }

    /** A host with a live session of a supplier's product (and an order in it), a scheduled one, a campaign. */
    private World world() {
        String streamer = data.streamer(TestData.FENGJIE);
        String supplier = data.supplier(TestData.FENGJIE);
        String product = data.product(supplier, TestData.FENGJIE, "10.00", "10.00");
        String live = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        data.start(live);
        data.record(data.livestreamOrder(live, product));
        String scheduled = data.scheduledSession(streamer, TestData.FENGJIE, List.of(product));
        String campaign = GraphQLClient.data("""
                mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""",
                Map.of("input", Map.of("name", data.unique("鲁渝协作"), "originRegionCode", TestData.FENGJIE,
                        "startsOn", "2025-01-01", "endsOn", "2026-12-31", "targetAmount", "1000.00")))
                .getString("createCampaign.id");
        return new World(streamer, supplier, product, live, scheduled, campaign);
    }
}
