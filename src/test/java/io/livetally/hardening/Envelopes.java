package io.livetally.hardening;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import io.livetally.common.Gen;
import io.livetally.common.TestTokens;
import io.vertx.core.json.JsonObject;

/**
 * Malformed and odd HTTP envelopes around GraphQL, one kind at a time: methods, content types (parameters,
 * case, repeats, unknown charsets, forms, multipart), broken JSON, huge numbers, wrong field types, query
 * strings with broken escapes and raw braces, oversize and chunked bodies, upgrades, closing connections,
 * broken request lines, Accept and Authorization headers, subscriptions over plain HTTP. A kind that issue 18
 * found failing names its finding, so that a report shows which fix a failure waits for.
 */
final class Envelopes {

    /** A kind of envelope and the issue 18 finding it covers ("" when none). */
    record Kind(String name, String finding) {
    }

    static final List<Kind> KINDS = List.of(new Kind("method", ""), new Kind("content-type/parameters", ""),
            new Kind("content-type/charset", "finding 1"), new Kind("content-type/repeated", ""),
            new Kind("content-type/other", ""), new Kind("content-type/form", "finding 6"),
            new Kind("content-type/multipart", "finding 6"), new Kind("json/broken", ""),
            new Kind("json/huge-numbers", ""), new Kind("json/wrong-types", ""),
            new Kind("query-string/broken-escapes", "finding 5"), new Kind("query-string/raw-braces", "finding 5"),
            new Kind("query-string/params", ""), new Kind("body/oversize", ""), new Kind("body/chunked", "finding 8"),
            new Kind("connection/upgrade", "finding 7"), new Kind("connection/close", ""),
            new Kind("request-line", "finding 8"), new Kind("subscription-over-http", "finding 2"),
            new Kind("accept", ""), new Kind("authorization", ""));

    /** A request that does nothing but must be answered. */
    static final String TYPENAME = "{\"query\":\"{ __typename }\"}";
    /** A write, sent only inside envelopes that must be refused: the row counts prove it never ran. */
    static final String MUTATION = "{\"query\":\"mutation { registerSupplier(input: {name: \\\"fz\\\", regionCode:"
            + " \\\"500236\\\", householdsBenefited: 1}) { id } }\"}";
    private static final String SUBSCRIPTION = "subscription { regionTotals(code: \"500236\") { gmv } }";
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final String host;

    Envelopes(String host) {
        this.host = host;
    }

    RawRequest next(Random random, Kind kind) {
        RawRequest request = new RawRequest(host);
        if (random.nextInt(3) > 0) {
            request.header("Authorization: Bearer " + TestTokens.admin());
        }
        return switch (kind.name()) {
            case "method" -> method(random, request);
            case "content-type/parameters" -> request.header("Content-Type: " + Gen.of(
                    "application/json; charset=utf-8",
                    "application/json;charset=UTF-8", "Application/JSON", "APPLICATION/JSON; CHARSET=\"utf-8\"",
                    "application/json ; charset = utf-8", "application/json; charset=utf-8; charset=utf-8",
                    "application/json; boundary=x", "application/json;", "application/json;;", "application/json; =",
                    "application/json; charset", "application/json; q=0.5", "application/json; charset=ISO-8859-1",
                    "application/json; charset=us-ascii", "application/json; charset=utf-16",
                    "application/graphql-response+json", "application/json+x", "application/json,text/plain",
                    "application/json; charset=\"utf-8\"; x=\"a;b\"").next(random)).body(TYPENAME);
            case "content-type/charset" -> charset(random, request);
            case "content-type/repeated" -> {
                List<String> types = Gen.of(List.of("application/json", "text/plain"),
                        List.of("application/json", "application/json"), List.of("text/plain", "application/json"),
                        List.of("application/json; charset=nonsense", "application/json")).next(random);
                types.forEach(t -> request.header("Content-Type: " + t));
                yield request.body(TYPENAME);
            }
            case "content-type/other" -> other(random, request);
            case "content-type/form" -> form(random, request);
            case "content-type/multipart" -> multipart(random, request);
            case "json/broken" -> request.header("Content-Type: application/json").body(brokenJson(random))
                    .mustRefuse();
            case "json/huge-numbers" -> request.header("Content-Type: application/json").body(hugeNumbers(random));
            case "json/wrong-types" -> request.header("Content-Type: application/json").body(Gen.of(
                    "{\"query\": 5}", "{\"query\": []}", "{\"query\": {}}", "{\"query\": true}", "{\"query\": null}",
                    "{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
                    "{\"query\": \"{ __typename }\", \"variables\": [1]}",
                    "{\"query\": \"{ __typename }\", \"variables\": 5}",
                    "{\"query\": \"{ __typename }\", \"operationName\": 5}",
                    "{\"query\": \"{ __typename }\", \"operationName\": {}}",
                    "{\"query\": \"{ __typename }\", \"extensions\": []}",
                    "{\"query\": \"{ __typename }\", \"extensions\": \"x\"}", "[" + TYPENAME + "]",
                    "[" + MUTATION + "," + MUTATION + "]", "{\"variables\": {}}", "{}").next(random)).mustRefuse();
            case "query-string/broken-escapes" -> brokenEscapes(random, request);
            case "query-string/raw-braces" -> request.method("GET").target("/graphql?query=" + Gen.of("{__typename}",
                    "{__typename}#x", "{region(code:\"500236\"){code}}", "{region(code:\"奉节\"){code}}",
                    "{__typename}|^\\`", "{__typename}&variables={}", "{__typename}&variables={\"a\":}").next(random));
            case "query-string/params" -> params(random, request);
            case "body/oversize" -> oversize(random, request);
            case "body/chunked" -> chunked(random, request);
            case "connection/upgrade" -> upgrade(random, request);
            case "connection/close" -> close(random, request);
            case "request-line" -> requestLine(random, request);
            case "subscription-over-http" -> subscription(random, request);
            case "accept" -> request.header("Content-Type: application/json").header("Accept: " + Gen.of("text/html",
                    "application/json;q=0", "*/*", "application/*", "multipart/mixed", ";;;", "text/event-stream",
                    "application/graphql-response+json;q=0, application/json", "application/json, */*;q=0.1", "")
                    .next(random)).body(TYPENAME);
            case "authorization" -> authorization(random, request);
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static RawRequest method(Random random, RawRequest request) {
        String method = Gen.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "post", "HEAD", "GET",
                "PROPFIND", "CONNECT").next(random);
        request.method(method).header("Content-Type: application/json")
                .body(random.nextBoolean() ? TYPENAME : MUTATION);
        return method.equals("POST") || method.equals("HEAD") || method.equals("OPTIONS") ? request
                : request.mustRefuse();
    }

    /** Finding 1: an unknown charset was HTTP 500 (UnsupportedCharsetException). */
    private static RawRequest charset(Random random, RawRequest request) {
        if (random.nextInt(4) == 0) {
            return request.header("Content-Type: application/json; charset=" + Gen.of("\"\"", "", "utf-8, utf-8")
                    .next(random)).body(TYPENAME);
        }
        String unknown = Gen.of("nonsense", "x-unknown", "utf-8x", "%", "a".repeat(500), "é", "\"nonsense\"")
                .next(random);
        return request.header("Content-Type: application/json; charset=" + unknown)
                .body(random.nextBoolean() ? TYPENAME : MUTATION).mustRefuse();
    }

    /** Bad and missing tokens carrying a write (the row counts show it never ran); the scheme in lower case. */
    private static RawRequest authorization(Random random, RawRequest request) {
        request.withoutHeader("Authorization").header("Content-Type: application/json");
        if (random.nextInt(6) == 0) {
            return request.header("Authorization: bearer " + TestTokens.admin()).body(TYPENAME);
        }
        return request.header(Gen.of("Authorization: Bearer " + TestTokens.expired(),
                "Authorization: Bearer " + TestTokens.wrongIssuer(), "Authorization: Bearer",
                "Authorization: Bearer a.b.c", "Authorization: Basic dXNlcjpwYXNz", "Authorization: ",
                "Authorization: Bearer " + "A".repeat(7000), "Authorization: Bearer " + TestTokens.admin() + "x")
                .next(random)).body(random.nextBoolean() ? TYPENAME : MUTATION);
    }

    private static RawRequest other(Random random, RawRequest request) {
        return switch (random.nextInt(10)) {
            case 0 -> request.header("Content-Type: application/graphql").body("{ __typename }");
            case 1 -> request.header("Content-Type: application/graphql").body("mutation { __typename }");
            case 2 -> request.body(TYPENAME);
            case 3 -> request.header("Content-Type:").body(TYPENAME).mustRefuse();
            case 4 -> request.header("Content-Type: \u0001").body(TYPENAME).mustRefuse().notHttp();
            default -> request.header("Content-Type: " + Gen.of("text/plain", "application/xml", "*/*",
                    "application/octet-stream", "text/json", "application/ld+json", "application/javascript",
                    "application").next(random)).body(MUTATION).mustRefuse();
        };
    }

    /** Finding 6: a form body over ~1 KB got Quarkus' error page, under it 415. */
    private static RawRequest form(Random random, RawRequest request) {
        String fields = "query=" + URLEncoder.encode("mutation { registerSupplier(input: {name: \"fz\", regionCode:"
                + " \"500236\", householdsBenefited: 1}) { id } }", StandardCharsets.UTF_8);
        int size = Gen.of(100, 1023, 1025, 5000, 100_000, 1_500_000).next(random);
        return request.header("Content-Type: " + Gen.of("application/x-www-form-urlencoded",
                        "application/x-www-form-urlencoded; charset=utf-8", "APPLICATION/X-WWW-FORM-URLENCODED")
                .next(random)).body(fields + "&pad=" + "x".repeat(Math.max(0, size - fields.length()))).mustRefuse();
    }

    private static RawRequest multipart(Random random, RawRequest request) {
        int size = Gen.of(100, 1025, 100_000, 1_500_000).next(random);
        String part = "--xyz\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n" + MUTATION + "\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"pad\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "x".repeat(size) + "\r\n";
        String body = switch (random.nextInt(4)) {
            case 0 -> part;
            case 1 -> part.substring(0, part.length() / 2);
            default -> part + "--xyz--\r\n";
        };
        return request.header("Content-Type: " + Gen.of("multipart/form-data; boundary=xyz", "multipart/form-data",
                "multipart/form-data; boundary=other", "multipart/mixed; boundary=xyz",
                "multipart/form-data; boundary=\"\"").next(random)).body(body).mustRefuse();
    }

    private static byte[] brokenJson(Random random) {
        String text = switch (random.nextInt(14)) {
            case 0 -> MUTATION.substring(0, random.nextInt(MUTATION.length() - 1));
            case 1 -> MUTATION + "garbage";
            case 2 -> "{'query':'mutation { __typename }'}";
            case 3 -> MUTATION.replace("}\"}", "}\",}");
            case 4 -> "/* c */" + MUTATION;
            case 5 -> "{\"query\": \"{ __typename }\", \"variables\": {\"v\": NaN}}";
            case 6 -> "{\"query\": \"{ __typename\u0001 }\"".replace("}", "") + "\u0000";
            case 7 -> "";
            case 8 -> " \r\n ";
            case 9 -> "null";
            case 10 -> "[".repeat(5000);
            case 11 -> "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
            case 12 -> MUTATION + MUTATION;
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bad = Gen.of(new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0x80}).next(random);
        byte[] start = "{\"query\": \"mutation { __typename } #".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + bad.length + 2];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        all[all.length - 2] = '"';
        all[all.length - 1] = '}';
        return all;
    }

    private static String hugeNumbers(Random random) {
        String number = Gen.of("1e99999999999", "-1e-99999999", "9".repeat(1000), "1e400", "-0",
                "0.0000000000000001e-400",
                "123456789012345678901234567890", "1" + "0".repeat(5000) + ".5").next(random);
        return switch (random.nextInt(4)) {
            case 0 -> "{\"query\": \"query($v: Int) { topRegions(limit: $v) { rank } }\", \"variables\": {\"v\": "
                    + number + "}}";
            case 1 -> "{\"query\": \"{ __typename }\", \"extensions\": {\"n\": " + number + "}}";
            case 2 -> "{\"query\": \"{ __typename }\", \"variables\": {\"a\": [[{\"b\": " + number + "}]]}}";
            default -> "{\"query\": \"{ topRegions(limit: " + number + ") { rank } }\"}";
        };
    }

    /** Finding 5: a broken percent-escape answered 400 with an empty body. */
    private static RawRequest brokenEscapes(Random random, RawRequest request) {
        String escape = Gen.of("%zz", "%", "%2", "%u0041", "%00", "%C0%80", "%ED%A0%80", "%%", "%7B__typename%7D%")
                .next(random);
        return switch (random.nextInt(4)) {
            case 0 -> request.method("GET").target("/graphql?query=" + escape);
            case 1 -> request.method("GET").target("/graphql?query=%7B__typename%7D&variables=" + escape);
            case 2 -> request.method("GET").target("/graphql?" + escape + "=" + escape);
            default -> request.target("/graphql?x=" + escape).header("Content-Type: application/json").body(TYPENAME);
        };
    }

    private static RawRequest params(Random random, RawRequest request) {
        String target = Gen.of("/graphql", "/graphql?", "/graphql?query=",
                "/graphql?query=%7B__typename%7D&query=%7Bx%7D",
                "/graphql?query=%7B__typename%7D&variables=x", "/graphql?query=%7B__typename%7D&operationName=Nope",
                "/graphql?query=" + "%7B__typename%7D".repeat(700),
                "/graphql?query=%7B__typename%7D&x=" + "y".repeat(100_000),
                "/graphql?variables=%7B%7D", "/graphql?query=mutation%20%7B__typename%7D",
                "/graphql?query=%7B__typename%7D&extensions=%7B%22persistedQuery%22%3A%7B%7D%7D").next(random);
        request.method("GET").target(target);
        if (target.length() > 8_000) {
            // over the initial line's limit: Vert.x answers 414 while decoding, before any route runs
            request.notHttp();
        }
        return target.contains("mutation") ? request.mustRefuse() : request;
    }

    private static RawRequest oversize(Random random, RawRequest request) {
        request.header("Content-Type: application/json");
        return switch (random.nextInt(6)) {
            case 0 -> request.body("{\"query\": \"{ __typename }\", \"pad\": \"" + "x".repeat(MAX_BODY) + "\"}")
                    .mustRefuse();
            case 1 -> request.noContentLength().header("Content-Length: 3000000").body(MUTATION).halfClose()
                    .answerOptional();
            case 2 -> request.noContentLength().header("Content-Length: " + Gen.of("-1", "abc", "99999999999999999999",
                    "1, 2", "0x10").next(random)).body(MUTATION).mustRefuse().notHttp();
            case 3 -> request.noContentLength().header("Content-Length: " + MUTATION.length())
                    .header("Content-Length: 5").body(MUTATION).mustRefuse().notHttp();
            case 4 -> request.noContentLength().header("Content-Length: 5").body(MUTATION).answerOptional();
            default -> request.noContentLength().header("Content-Length: 0").body(MUTATION).answerOptional();
        };
    }

    /** Chunked bodies, valid and broken (finding 8: a bad chunk size logged a stack trace). */
    private static RawRequest chunked(Random random, RawRequest request) {
        request.header("Content-Type: application/json").noContentLength();
        String valid = Integer.toHexString(TYPENAME.length()) + "\r\n" + TYPENAME + "\r\n0\r\n\r\n";
        return switch (random.nextInt(9)) {
            case 0 -> request.header("Transfer-Encoding: chunked").body(valid);
            case 1 -> request.header("Transfer-Encoding: chunked").body("zz\r\nabc\r\n0\r\n\r\n").notHttp();
            case 2 -> request.header("Transfer-Encoding: chunked")
                    .body(Integer.toHexString(TYPENAME.length()) + ";ext=1\r\n" + TYPENAME + "\r\n0\r\n\r\n");
            case 3 -> request.header("Transfer-Encoding: chunked")
                    .body(Integer.toHexString(MUTATION.length()) + "\r\n" + MUTATION.substring(0, 10)).halfClose()
                    .answerOptional();
            case 4 -> request.header("Transfer-Encoding: chunked").header("Content-Length: 3").body(valid)
                    .notHttp();
            case 5 -> request.header("Transfer-Encoding: chunked").body("ffffffffffffffff\r\nabc\r\n0\r\n\r\n")
                    .notHttp();
            case 6 -> {
                String first = "{\"query\": \"{ __typename }\", \"pad\": \"";
                StringBuilder body = new StringBuilder(Integer.toHexString(first.length())).append("\r\n").append(first)
                        .append("\r\n");
                String chunk = "x".repeat(65_536);
                for (int i = 0; i < 40; i++) {
                    body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
                }
                yield request.header("Transfer-Encoding: chunked").body(body.append("2\r\n\"}\r\n0\r\n\r\n").toString())
                        .mustRefuse().answerOptional();
            }
            case 7 -> {
                String coding = Gen.of("gzip, chunked", "identity", "xchunked", "chunked, chunked").next(random);
                request.header("Transfer-Encoding: " + coding).body(valid).answerOptional();
                // RFC 9112 6.3: chunked not the last coding, the length is unknown: 400, then close
                yield coding.endsWith("chunked") && !coding.equals("xchunked") ? request : request.notHttp();
            }
            default -> request.header("Transfer-Encoding: chunked").header("Trailer: X-T").body(
                    Integer.toHexString(TYPENAME.length()) + "\r\n" + TYPENAME + "\r\n0\r\nX-T: 1\r\n\r\n");
        };
    }

    /** Finding 7: Connection: close with Upgrade: h2c got a 400 and a socket left open. */
    private static RawRequest upgrade(Random random, RawRequest request) {
        request.header("Content-Type: application/json").body(TYPENAME);
        return switch (random.nextInt(5)) {
            case 0 -> request.header("Connection: close").header("Upgrade: h2c")
                    .header("HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA");
            case 1 -> request.header("Connection: Upgrade, HTTP2-Settings, close").header("Upgrade: h2c")
                    .header("HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA");
            case 2 -> request.header("Connection: Upgrade").header("Upgrade: websocket");
            case 3 -> request.method("GET").target("/graphql?query=%7B__typename%7D").body(new byte[0])
                    .header("Connection: Upgrade, close").header("Upgrade: websocket")
                    .header("Sec-WebSocket-Version: 13");
            default -> request.header("Connection: close").header("Upgrade: " + Gen.of("foo", "h2c, websocket",
                    "HTTP/2.0").next(random));
        };
    }

    private static RawRequest close(Random random, RawRequest request) {
        request.header("Content-Type: application/json").body(TYPENAME);
        return switch (random.nextInt(5)) {
            case 0 -> request.header("Connection: close");
            case 1 -> request.version("HTTP/1.0").withoutHeader("Host");
            case 2 -> request.version("HTTP/1.0").header("Connection: keep-alive");
            case 3 -> request.header("Connection: close, close");
            default -> request.header("connection: CLOSE");
        };
    }

    /** Broken request lines and headers (finding 8: a missing Host logged a stack trace). */
    private static RawRequest requestLine(Random random, RawRequest request) {
        request.header("Content-Type: application/json").body(TYPENAME).header("Connection: close");
        return switch (random.nextInt(12)) {
            case 0 -> request.withoutHeader("Host");
            case 1 -> request.header("Host: other");
            case 2 -> request.target("http://localhost/graphql");
            case 3 -> request.version("HTTP/9.9").notHttp();
            case 4 -> request.version("HTTP/1.1 x").notHttp();
            case 5 -> request.version("http/1.1").notHttp();
            case 6 -> request.header("X-Big: " + "x".repeat(8_000));
            case 7 -> {
                for (int i = 0; i < 300; i++) {
                    request.header("X-H" + i + ": " + i);
                }
                yield request;
            }
            case 8 -> request.header("X-Folded: a").header(" continued").notHttp();
            case 9 -> request.header(Gen.of("NoColonHere", "X-Nul: a\u0000b", "X-Big: " + "x".repeat(30_000))
                    .next(random)).notHttp();
            case 10 -> request.target("/graphql?query={ __typename }").method("GET").notHttp();
            default -> request.method("\u0016\u0003\u0001\u0000").target("\u00a5").notHttp();
        };
    }

    /** Finding 2: a subscription by POST or GET answered 200 with {"upstreamPublisher":{}}. */
    private static RawRequest subscription(Random random, RawRequest request) {
        String document = Gen.of(SUBSCRIPTION, "subscription { liveStats(sessionId: \"1\") { gmv currentViewers } }",
                "query A { __typename } " + SUBSCRIPTION.replace("subscription", "subscription B")).next(random);
        String operationName = document.contains("query A") ? "B" : null;
        String json = new JsonObject().put("query", document).put("operationName", operationName).encode();
        return switch (random.nextInt(3)) {
            case 0 -> request.method("GET")
                    .target("/graphql?query=" + URLEncoder.encode(document, StandardCharsets.UTF_8)
                    + (operationName == null ? "" : "&operationName=B")).mustRefuse();
            case 1 -> request.header("Content-Type: application/graphql").body(SUBSCRIPTION).mustRefuse();
            default -> request.header("Content-Type: application/json").body(json).mustRefuse();
        };
    }
}
