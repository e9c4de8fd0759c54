package io.livetally.security;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Content-Type and Accept headers of a GraphQL-over-HTTP request as RFC 9110 defines media
 * types (type/subtype, case-insensitive, parameters with quoted strings, quality values, lists), and decides
 * what the GraphQL-over-HTTP specification lets a server do with them.
 */
public final class MediaTypes {

    public static final String JSON = "application/json";
    public static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String GRAPHQL = "application/graphql";

    /** What a POST body is, by its Content-Type. */
    public enum Kind {
        /** application/json. */
        JSON,
        /** application/graphql: the bare document (a legacy form clients still send). */
        DOCUMENT,
        /** A JSON or GraphQL type in a charset this JVM does not know: 415. */
        UNSUPPORTED_CHARSET,
        /** No content type, a malformed one, another one, or several that differ: 415. */
        UNSUPPORTED
    }

    /** A POST body's kind and the charset it is written in (UTF-8 unless the header names another). */
    public record Body(Kind kind, Charset charset) {
        static final Body UNSUPPORTED = new Body(Kind.UNSUPPORTED, null);
    }

    /** What an answer may be, by the Accept header. */
    public enum Answer { GRAPHQL_RESPONSE, JSON, NONE }

    /** One media type of a header: lower-cased type and subtype, parameters by lower-cased name. */
    record MediaType(String type, String subtype, Map<String, String> parameters) {

        String essence() {
            return type + '/' + subtype;
        }

        double quality() {
            String q = parameters.get("q");
            if (q == null) {
                return 1;
            }
            try {
                double value = Double.parseDouble(q);
                return value >= 0 && value <= 1 ? value : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private MediaTypes() {
    }

    /**
     * A POST's body type, in any charset this JVM can decode (the spec asks for UTF-8; refusing a charset
     * that both this gate and SmallRye decode would refuse more than it must). Several values (two layers of a client each adding the header, as GraphiQL's
     * fetcher does: {@code application/json, application/json}) are accepted when they all say the same.
     */
    public static Body body(String contentType) {
        List<MediaType> types = parse(contentType);
        if (types == null || types.isEmpty()) {
            return Body.UNSUPPORTED;
        }
        Body body = null;
        for (MediaType type : types) {
            Body one = bodyOf(type);
            if (body != null && !body.equals(one)) {
                return Body.UNSUPPORTED;
            }
            body = one;
        }
        return body;
    }

    private static Body bodyOf(MediaType type) {
        boolean json = type.essence().equals(JSON);
        if (!json && !type.essence().equals(GRAPHQL)) {
            return Body.UNSUPPORTED;
        }
        Charset charset = StandardCharsets.UTF_8;
        String name = type.parameters().get("charset");
        if (name != null) {
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return new Body(Kind.UNSUPPORTED_CHARSET, null);
            }
        }
        return new Body(json ? Kind.JSON : Kind.DOCUMENT, charset);
    }

    /**
     * The answer's media type, chosen as SmallRye GraphQL chooses it for the answers it writes (so that a
     * refusal here and an answer there agree): the GraphQL response type when the client lists it, or sends
     * no (or a malformed) Accept, or accepts it only through a wildcard while not listing application/json;
     * application/json when that is listed and the GraphQL type is not; {@link Answer#NONE} when the header
     * accepts neither (a 406, which the specification allows). A quality of 0 refuses a type.
     */
    public static Answer answer(String accept) {
        List<MediaType> types = parse(accept);
        if (types == null || types.isEmpty()) {
            return Answer.GRAPHQL_RESPONSE;
        }
        if (accepts(types, GRAPHQL_RESPONSE)) {
            return Answer.GRAPHQL_RESPONSE;
        }
        if (accepts(types, JSON)) {
            return Answer.JSON;
        }
        boolean wildcard = types.stream().anyMatch(range -> range.quality() > 0
                && (range.essence().equals("*/*") || range.essence().equals("application/*")));
        return wildcard ? Answer.GRAPHQL_RESPONSE : Answer.NONE;
    }

    private static boolean accepts(List<MediaType> types, String essence) {
        return types.stream().anyMatch(range -> range.essence().equals(essence) && range.quality() > 0);
    }

    /** The media types of a header, or null when it is malformed; an absent or blank header is empty. */
    static List<MediaType> parse(String header) {
        List<MediaType> types = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return types;
        }
        Reader reader = new Reader(header);
        while (true) {
            reader.skipSpaces();
            if (reader.done()) {
                return types;
            }
            if (reader.peek() == ',') {
                reader.next();
                continue;
            }
            MediaType type = reader.mediaType();
            if (type == null) {
                return null;
            }
            types.add(type);
            reader.skipSpaces();
            if (!reader.done() && reader.next() != ',') {
                return null;
            }
        }
    }

    /** A cursor over one header value. */
    private static final class Reader {
        private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean done() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        char next() {
            return text.charAt(at++);
        }

        void skipSpaces() {
            while (!done() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
        }

        String token() {
            int start = at;
            while (!done() && peek() > ' ' && peek() < 127 && SEPARATORS.indexOf(peek()) < 0) {
                at++;
            }
            return at == start ? null : text.substring(start, at).toLowerCase(Locale.ROOT);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            next();
            while (!done()) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (done()) {
                        return null;
                    }
                    c = next();
                }
                value.append(c);
            }
            return null;
        }

        MediaType mediaType() {
            String type = token();
            if (type == null || done() || next() != '/') {
                return null;
            }
            String subtype = token();
            if (subtype == null) {
                return null;
            }
            Map<String, String> parameters = new TreeMap<>();
            while (true) {
                skipSpaces();
                if (done() || peek() == ',') {
                    return new MediaType(type, subtype, parameters);
                }
                if (next() != ';') {
                    return null;
                }
                skipSpaces();
                if (done() || peek() == ',') {
                    return new MediaType(type, subtype, parameters);
                }
                String name = token();
                skipSpaces();
                if (name == null || done() || next() != '=') {
                    return null;
                }
                // RFC 9110 has no space around '=', but clients send it; reading it costs nothing.
                skipSpaces();
                String value = !done() && peek() == '"' ? quoted() : token();
                if (value == null) {
                    return null;
                }
                parameters.putIfAbsent(name, name.equals("charset") ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
    }
}
