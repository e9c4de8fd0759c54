package io.livetally.common;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request to the GraphQL endpoint whose envelope is malformed (variables or extensions that are
 * no JSON object, an operationName that is no string, JSON nested deeper or numbers larger than the reader
 * takes, broken URL escapes) with HTTP 400 and a GraphQL error, as the GraphQL-over-HTTP spec asks. SmallRye
 * reads such a request with an exception, which ended as an HTTP 500 (with its stack trace outside prod).
 * Only failures of malformed requests are answered here; any other failure goes on to the usual handling.
 */
@ApplicationScoped
public class MalformedRequests {

    void register(@Observes Router router, @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String path) {
        router.route(path).failureHandler(this::answer);
    }

    void answer(RoutingContext context) {
        Throwable failure = context.failure();
        // Authentication and authorization failures keep their own status (401, 403).
        String problem = failure == null || failure instanceof SecurityException || context.response().headWritten()
                ? null : problem(context);
        if (problem == null) {
            context.next();
            return;
        }
        io.vertx.core.json.JsonObject error = new io.vertx.core.json.JsonObject()
                .put("message", "malformed request: " + problem)
                .put("extensions", new io.vertx.core.json.JsonObject().put("code", "invalid-request")
                        .put("classification", "InvalidSyntax"));
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new io.vertx.core.json.JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    /** What is wrong with the request's envelope, read as SmallRye reads it; null when nothing is. */
    static String problem(RoutingContext context) {
        try {
            if (context.request().method() == HttpMethod.GET) {
                for (String parameter : List.of("query", "operationName", "variables", "extensions")) {
                    String value = context.request().getParam(parameter);
                    String decoded = value == null ? null : URLDecoder.decode(withoutNewlinesAndTabs(value),
                            StandardCharsets.UTF_8);
                    if (decoded != null && !decoded.isEmpty() && parameter.endsWith("s")) {
                        String wrong = objectOrNull(parameter, read(decoded));
                        if (wrong != null) {
                            return wrong;
                        }
                    }
                }
                return null;
            }
            String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (context.body() == null || context.body().length() == 0
                    || type != null && type.startsWith("application/graphql")) {
                return null;
            }
            JsonValue body = read(withoutNewlinesAndTabs(context.body().asString()));
            if (body.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            JsonObject request = body.asJsonObject();
            JsonValue operationName = request.get("operationName");
            if (operationName != null && operationName.getValueType() != JsonValue.ValueType.NULL
                    && operationName.getValueType() != JsonValue.ValueType.STRING) {
                return "operationName must be a string";
            }
            String wrong = objectOrNull("variables", request.get("variables"));
            return wrong != null ? wrong : objectOrNull("extensions", request.get("extensions"));
        } catch (RuntimeException unreadable) {
            return "the request cannot be read as GraphQL-over-HTTP JSON";
        }
    }

    private static String objectOrNull(String name, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value.getValueType() == JsonValue.ValueType.OBJECT ? null : name + " must be a JSON object";
    }

    /** Reads the JSON and every number in it, as the GraphQL engine will (which fails on 1e99999999999). */
    private static JsonValue read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            readNumbers(value);
            return value;
        }
    }

    private static void readNumbers(JsonValue value) {
        switch (value.getValueType()) {
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case OBJECT -> value.asJsonObject().values().forEach(MalformedRequests::readNumbers);
            case ARRAY -> value.asJsonArray().forEach(MalformedRequests::readNumbers);
            default -> {
            }
        }
    }

    /** SmallRye turns raw line breaks and tabs into spaces before reading (so text blocks can be sent as they are). */
    private static String withoutNewlinesAndTabs(String text) {
        return text.replace('\n', ' ').replace('\t', ' ');
    }
}
