package io.livetally.hardening;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetally.common.Seeds;
import io.livetally.hardening.RawHttp.Exchange;

/**
 * What a fuzz run sent and got — requests by kind, HTTP statuses, error codes, sockets checked for closing —
 * and its findings: each category of problem with how often it came and its first example, replayable from
 * the seed and the request number.
 */
final class FuzzFigures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FAR_YEAR = Pattern.compile("[+-]\\d{5,}-\\d\\d-\\d\\d");
    /** The test tokens are long and say nothing: the client's name says whose it is. */
    private static final Pattern TOKEN = Pattern.compile(
            "Bearer [A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}");

    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> codes = new TreeMap<>();
    private final Map<String, Integer> findings = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private int requests;
    private int closesChecked;
    private int withData;

    /** Counts the exchange and records each of its problems under "kind: problem". */
    void count(int number, String kind, String finding, String client, RawRequest request, Exchange answer,
            Iterable<String> problems) {
        requests++;
        kinds.merge(kind, 1, Integer::sum);
        statuses.merge(answer.status() == 0 ? "no answer" : String.valueOf(answer.status()), 1, Integer::sum);
        if (request.mustClose()) {
            closesChecked++;
        }
        countCodes(answer);
        for (String problem : problems) {
            String known = finding.isEmpty() ? knownFinding(request.toString(), answer.text()) : finding;
            finding(kind + (known.isEmpty() ? "" : " (issue 18 " + known + ")") + ": " + problem,
                    "request #" + number + " as " + client + ":\n      " + abbreviate(request.toString(), 700)
                            + "\n    -> " + (answer.status() == 0 ? "no answer" : "HTTP " + answer.status())
                            + (answer.closed() ? " (closed)" : "") + " Content-Type: " + answer.header("content-type")
                            + ", " + abbreviate(answer.text(), 500));
        }
    }

    void finding(String category, String example) {
        findings.merge(category, 1, Integer::sum);
        examples.putIfAbsent(category, example);
    }

    /**
     * The issue 18 finding a document's failure looks like, for the report only (every failure fails the test):
     * a Java type named for an input object (3), an internal error where a far-off year was sent (4).
     */
    static String knownFinding(String request, String answer) {
        if (answer.contains("Unknown Scalar Type")) {
            return "finding 3";
        }
        return answer.contains("internal-error") && FAR_YEAR.matcher(request).find() ? "finding 4" : "";
    }

    boolean clean() {
        return findings.isEmpty();
    }

    private void countCodes(Exchange answer) {
        try {
            JsonNode json = JSON.readTree(answer.body());
            if (json != null) {
                if (json.path("data").isObject()) {
                    withData++;
                }
                for (JsonNode error : json.path("errors")) {
                    JsonNode extensions = error.path("extensions");
                    String code = extensions.path("code").asText(extensions.path("classification").asText("(none)"));
                    codes.merge(code, 1, Integer::sum);
                }
            }
        } catch (IOException notJson) {
            codes.merge("(no JSON)", 1, Integer::sum);
        }
    }

    /** The figures, for the log and docs/SECURITY.md. */
    String figures() {
        return "fuzz: " + requests + " requests in " + (System.nanoTime() - started) / 1_000_000 + " ms, "
                + Seeds.rerun() + "\n  by kind: " + kinds + "\n  HTTP statuses: " + statuses + "\n  error codes: "
                + codes + "\n  answers with data: " + withData + "\n  sockets that had to close: " + closesChecked;
    }

    /** Every category of problem, how often, and its first example. */
    String findings() {
        StringBuilder text = new StringBuilder(findings.size() + " kinds of problem (" + Seeds.rerun() + "):");
        findings.forEach((category, count) -> text.append("\n  ").append(category).append(" — ").append(count)
                .append("×, first: ").append(examples.get(category)));
        return text.toString();
    }

    private static String abbreviate(String text, int max) {
        String oneLine = TOKEN.matcher(text).replaceAll("Bearer <token>").replace("\r\n", "⏎").replace("\n", "⏎");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
