package io.livetally.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 request written byte by byte as a fuzz case wants it: any method, target, version and header
 * lines (repeated, odd, missing Host), a body with its Content-Length or without, and what the server owes it.
 */
final class RawRequest {

    private String method = "POST";
    private String target = "/graphql";
    private String version = "HTTP/1.1";
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean contentLength = true;
    private boolean halfClose;
    /** A refused request: no 2xx. */
    private boolean mustRefuse;
    /** A request whose framing is broken: the server may close without answering. */
    private boolean answerOptional;
    /** Not an HTTP request one can read a path from (a broken request line or header): no GraphQL answer owed. */
    private boolean notHttp;

    RawRequest(String host) {
        headers.add("Host: " + host);
    }

    RawRequest method(String method) {
        this.method = method;
        return this;
    }

    RawRequest target(String target) {
        this.target = target;
        return this;
    }

    RawRequest version(String version) {
        this.version = version;
        return this;
    }

    RawRequest header(String line) {
        headers.add(line);
        return this;
    }

    RawRequest withoutHeader(String name) {
        headers.removeIf(h -> h.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"));
        return this;
    }

    RawRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** The body goes out without a Content-Length (the case sets its own framing headers). */
    RawRequest noContentLength() {
        this.contentLength = false;
        return this;
    }

    RawRequest halfClose() {
        this.halfClose = true;
        return this;
    }

    RawRequest mustRefuse() {
        this.mustRefuse = true;
        return this;
    }

    RawRequest answerOptional() {
        this.answerOptional = true;
        return this;
    }

    /** A broken request line or header block: any 4xx (or a close) will do. */
    RawRequest notHttp() {
        this.notHttp = true;
        this.answerOptional = true;
        return this;
    }

    boolean owesGraphQLAnswer() {
        return !notHttp && path().equals("/graphql") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    String method() {
        return method;
    }

    boolean halfCloses() {
        return halfClose;
    }

    boolean refused() {
        return mustRefuse;
    }

    boolean answerIsOptional() {
        return answerOptional;
    }

    /** The target path without its query string. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** {@code Connection: close}, HTTP/1.0 without keep-alive, a broken head: the server must close after answering. */
    boolean mustClose() {
        boolean close = false;
        boolean keepAlive = false;
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("connection")) {
                for (String token : header.substring(colon + 1).split(",")) {
                    close |= token.strip().equalsIgnoreCase("close");
                    keepAlive |= token.strip().equalsIgnoreCase("keep-alive");
                }
            }
        }
        // RFC 9112: after a request whose framing cannot be trusted the server closes the connection
        return close || notHttp || version.equals("HTTP/1.0") && !keepAlive;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (contentLength && (body.length > 0 || method.equals("POST"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The request as text, for a failure message. */
    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
