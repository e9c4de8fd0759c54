package io.livetally.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The served schema as introspection tells it (types, fields and their arguments, input fields, enum
 * values), read from the running service so that generated documents follow the schema as it is today.
 */
record Schema(String query, String mutation, String subscription, Map<String, Type> types) {

    /** The standard introspection query, deep enough for {@code [OrderInput!]!}. */
    static final String INTROSPECTION = """
            query { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { kind name possibleTypes { name } enumValues { name }
                fields { name type { ...ref } args { name type { ...ref } } }
                inputFields { name type { ...ref } } } } }
            fragment ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
              ofType { kind name } } } } }""";

    /** A type as written in a document: a name, or a list of, or a non-null one. */
    record TypeRef(String kind, String name, TypeRef ofType) {

        boolean nonNull() {
            return kind.equals("NON_NULL");
        }

        /** Without its non-null mark. */
        TypeRef nullable() {
            return nonNull() ? ofType : this;
        }

        boolean list() {
            return nullable().kind.equals("LIST");
        }

        /** The element type of a list. */
        TypeRef element() {
            return nullable().ofType;
        }

        /** The named type at the bottom of the lists and non-null marks. */
        String named() {
            return ofType == null ? name : ofType.named();
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "NON_NULL" -> ofType + "!";
                case "LIST" -> "[" + ofType + "]";
                default -> name;
            };
        }

        static TypeRef of(JsonNode node) {
            return node == null || node.isNull() ? null
                    : new TypeRef(node.get("kind").asText(), node.path("name").asText(null), of(node.get("ofType")));
        }
    }

    /** An argument or an input object's field. */
    record InputValue(String name, TypeRef type) {
    }

    record Field(String name, List<InputValue> args, TypeRef type) {
    }

    record Type(String kind, String name, List<Field> fields, List<InputValue> inputFields, List<String> enumValues,
            List<String> possibleTypes) {

        /** A type whose values have no fields to select. */
        boolean leaf() {
            return kind.equals("SCALAR") || kind.equals("ENUM");
        }
    }

    Type type(String name) {
        return types.get(name);
    }

    /** Reads the answer to {@link #INTROSPECTION}; the introspection types themselves are left out. */
    static Schema of(JsonNode answer) {
        JsonNode schema = answer.path("data").path("__schema");
        Map<String, Type> types = new LinkedHashMap<>();
        for (JsonNode type : schema.get("types")) {
            String name = type.get("name").asText();
            if (!name.startsWith("__")) {
                types.put(name, new Type(type.get("kind").asText(), name, fields(type.get("fields")),
                        inputValues(type.get("inputFields")), names(type.get("enumValues")),
                        names(type.get("possibleTypes"))));
            }
        }
        return new Schema(schema.path("queryType").path("name").asText(null),
                schema.path("mutationType").path("name").asText(null),
                schema.path("subscriptionType").path("name").asText(null), types);
    }

    private static List<Field> fields(JsonNode fields) {
        List<Field> list = new ArrayList<>();
        if (fields != null) {
            fields.forEach(f -> list.add(new Field(f.get("name").asText(), inputValues(f.get("args")),
                    TypeRef.of(f.get("type")))));
        }
        return list;
    }

    private static List<InputValue> inputValues(JsonNode values) {
        List<InputValue> list = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> list.add(new InputValue(v.get("name").asText(), TypeRef.of(v.get("type")))));
        }
        return list;
    }

    private static List<String> names(JsonNode named) {
        List<String> list = new ArrayList<>();
        if (named != null) {
            named.forEach(n -> list.add(n.get("name").asText()));
        }
        return list;
    }
}
