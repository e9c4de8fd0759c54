package io.livetally.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetally.hardening.RawHttp.Exchange;

/**
 * Judges one answer as issue 18 asks: no 5xx; on {@code /graphql} a GraphQL-shaped JSON answer whose every
 * error has a code documented in docs/API.md (never {@code internal-error}) or, found before execution, the
 * spec's classification; no internal names; an answer within the deadline; the socket closed when it had to be.
 */
final class Verdicts {

    /** What the request was and what it is owed. */
    record Expectation(boolean graphqlAnswer, boolean mustClose, boolean mustRefuse, boolean answerOptional,
            boolean subscription, String request) {
    }

    /** The codes of docs/API.md's error table, but internal-error: a client's input must never cause one. */
    static final Set<String> CODES = documentedCodes();
    /** What graphql-java reports before execution instead of a code (docs/API.md, "Errors"). */
    static final Set<String> CLASSIFICATIONS = Set.of("ValidationError", "InvalidSyntax");
    static final Set<Integer> STATUSES = Set.of(200, 400, 401, 404, 405, 406, 413, 414, 415, 431);
    private static final List<String> INTERNALS = List.of("io.livetally", "java.", "javax.", "jakarta.", "io.vertx",
            "io.netty", "io.quarkus", "io.smallrye", "org.hibernate", "org.postgresql", "com.fasterxml", "graphql.",
            "Exception", "upstreamPublisher", "\tat ", "Caused by", "SQLSTATE", "Unknown Scalar Type");
    /** A package-qualified class, an inner class, an object's identity hash. */
    private static final Pattern CLASS_LIKE = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*|\\b[A-Z][A-Za-z0-9]*\\$[A-Za-z0-9]+"
                    + "|\\b[A-Z][A-Za-z0-9]+@[0-9a-f]{5,}\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Verdicts() {
    }

    /** Each problem of the answer, as "what" (the category); empty when the answer is clean. */
    static List<String> problems(Exchange answer, Expectation expected) {
        List<String> problems = new ArrayList<>();
        if (answer.timedOut()) {
            problems.add(answer.status() == 0 ? "no answer within the deadline, socket left open"
                    : "answer incomplete at the deadline");
            return problems;
        }
        if (answer.status() == 0) {
            if (!expected.answerOptional()) {
                problems.add("closed without an answer");
            }
            return problems;
        }
        if (answer.status() >= 500) {
            problems.add("HTTP " + answer.status());
        } else if (!STATUSES.contains(answer.status())) {
            problems.add("unexpected HTTP " + answer.status());
        }
        if (expected.mustRefuse() && answer.status() < 300) {
            problems.add("accepted (HTTP " + answer.status() + ")");
        }
        if (expected.mustClose() && !answer.closed()) {
            problems.add("socket left open after Connection: close");
        }
        leaks(answer.text(), expected.request()).forEach(leak -> problems.add("leaks " + leak));
        if (expected.graphqlAnswer()) {
            problems.addAll(graphqlProblems(answer, expected));
        }
        return problems;
    }

    private static List<String> graphqlProblems(Exchange answer, Expectation expected) {
        List<String> problems = new ArrayList<>();
        String type = String.valueOf(answer.header("content-type"));
        if (!type.startsWith("application/json") && !type.startsWith("application/graphql-response+json")) {
            problems.add("not a GraphQL answer (Content-Type " + type.replaceAll(";.*", "") + ")");
            return problems;
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            problems.add("not a GraphQL answer (no JSON)");
            return problems;
        }
        if (json == null || !json.isObject() || !json.has("data") && !json.has("errors")
                || json.has("errors") && (!json.get("errors").isArray() || json.get("errors").isEmpty())) {
            problems.add("not a GraphQL answer (no data, no errors)");
            return problems;
        }
        for (JsonNode error : json.path("errors")) {
            JsonNode code = error.path("extensions").path("code");
            JsonNode classification = error.path("extensions").path("classification");
            if (!error.path("message").isTextual()) {
                problems.add("an error without a message");
            }
            if ("internal-error".equals(code.asText())) {
                problems.add("internal-error");
            } else if (code.isTextual() ? !CODES.contains(code.asText())
                    : !CLASSIFICATIONS.contains(classification.asText())) {
                problems.add("an error without a documented code (" + (code.isTextual() ? "code " + code.asText()
                        : "classification " + classification.asText(null)) + ")");
            }
        }
        if (expected.subscription() && !json.path("data").isNull() && !json.path("data").isMissingNode()) {
            problems.add("a subscription answered over plain HTTP");
        }
        return problems;
    }

    /** Internal names in the answer that the request did not itself contain (an echoed input is no leak). */
    static Set<String> leaks(String answer, String request) {
        String scrubbed = answer.replace("\"DataFetchingException\"", "");
        Set<String> leaks = new LinkedHashSet<>();
        for (String internal : INTERNALS) {
            if (scrubbed.contains(internal) && !request.contains(internal)) {
                leaks.add("'" + internal.strip() + "'");
            }
        }
        Matcher matcher = CLASS_LIKE.matcher(scrubbed);
        while (matcher.find()) {
            if (!request.contains(matcher.group())) {
                leaks.add("a class name");
            }
        }
        return leaks;
    }

    /** The codes in the table under "## Errors" of docs/API.md ({@code | `code` | meaning |}). */
    private static Set<String> documentedCodes() {
        Set<String> codes = new LinkedHashSet<>();
        try {
            Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(Files.readString(Path.of("docs/API.md")));
            while (row.find()) {
                codes.add(row.group(1));
            }
        } catch (IOException e) {
            throw new IllegalStateException("docs/API.md lists the error codes", e);
        }
        codes.remove("internal-error");
        if (codes.size() < 10) {
            throw new IllegalStateException("docs/API.md's error table not found: " + codes);
        }
        return Set.copyOf(codes);
    }
}
