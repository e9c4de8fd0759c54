package io.livetally.hardening;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.livetally.common.Gen;
import io.livetally.hardening.Schema.Field;
import io.livetally.hardening.Schema.InputValue;
import io.livetally.hardening.Schema.Type;
import io.livetally.hardening.Schema.TypeRef;

/**
 * GraphQL documents generated from the served schema: operations of every root type with random
 * selections (aliases, named and inline fragments, {@code @include}/{@code @skip}, {@code __typename}),
 * arguments as variables or inline literals ({@link ArgumentValues}), and now and then two operations
 * with an operationName. Hostile documents (broken syntax, floods, cycles) come from {@link HostileDocuments}.
 */
final class Documents {

    /**
     * A generated request body. {@code kind} is what was generated, {@code operation} the type of the operation
     * the request selects; {@code roots} are the response keys of the generated operation's root fields.
     */
    record Document(String kind, String text, Map<String, Object> variables, String operationName, String operation,
            List<String> roots) {
    }

    /** Letters that cannot spell a class or package name, for aliases, fragment and operation names. */
    private static final String NAME_LETTERS = "abcdfghkmrsuwyz";

    private final Schema schema;
    private final ArgumentValues values;

    Documents(Schema schema, ArgumentValues values) {
        this.schema = schema;
        this.values = values;
    }

    /** A query, mutation or subscription of one to three root fields (two at most for a mutation). */
    Document next(Random random, String operation) {
        Builder builder = new Builder(random);
        String rootType = switch (operation) {
            case "mutation" -> schema.mutation();
            case "subscription" -> schema.subscription();
            default -> schema.query();
        };
        int count = operation.equals("query") ? 1 + random.nextInt(3) : 1 + random.nextInt(2);
        List<Field> fields = new ArrayList<>(schema.type(rootType).fields());
        // the test sources' probes fail on purpose (FailingProbeGraphQLApi); production has none
        fields.removeIf(f -> f.name().startsWith("testOnly"));
        Collections.shuffle(fields, random);
        StringBuilder selection = new StringBuilder("{");
        List<String> roots = new ArrayList<>();
        for (Field field : fields.subList(0, Math.min(count, fields.size()))) {
            String key = builder.alias(field.name());
            roots.add(key);
            selection.append(' ').append(key.equals(field.name()) ? "" : key + ": ")
                    .append(builder.field(field, 1, random.nextInt(4)));
        }
        selection.append(" }");
        String name = random.nextBoolean() ? "Op" + builder.name() : null;
        String text = operation + (name == null ? "" : " " + name) + builder.declarations() + " " + selection
                + builder.fragments();
        String operationName = name != null && random.nextInt(4) == 0 ? name : null;
        String chosen = operation;
        if (random.nextInt(20) == 0) {
            // a second operation: the request must name one (a missing or wrong operationName is refused)
            text += " query Other { __typename }";
            operationName = Gen.of(name, "Other", null, "Nope").next(random);
            chosen = "Other".equals(operationName) ? "query" : operation;
        }
        return new Document(operation, text, builder.variables, operationName, chosen, roots);
    }

    /** The names and values of one document's variables and fragments, as its fields are generated. */
    private final class Builder {

        private final Random random;
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private final Map<String, String> declared = new LinkedHashMap<>();
        private final StringBuilder fragments = new StringBuilder();
        private int names;

        Builder(Random random) {
            this.random = random;
        }

        String name() {
            StringBuilder name = new StringBuilder();
            for (int n = ++names; n > 0; n /= NAME_LETTERS.length()) {
                name.append(NAME_LETTERS.charAt(n % NAME_LETTERS.length()));
            }
            return name.toString();
        }

        /** The response key: the field's name, or an alias one time in six. */
        String alias(String field) {
            return random.nextInt(6) == 0 ? "a" + name() : field;
        }

        /** {@code name(arguments) @directive { selection }} of a field (without its alias). */
        String field(Field field, int depth, int maxDepth) {
            StringBuilder text = new StringBuilder(field.name()).append(arguments(field));
            if (random.nextInt(30) == 0) {
                text.append(random.nextBoolean() ? " @include(if: " : " @skip(if: ").append(random.nextBoolean())
                        .append(')');
            }
            Type type = schema.type(field.type().named());
            if (!type.leaf()) {
                text.append(' ').append(selection(type, depth + 1, maxDepth));
            }
            return text.toString();
        }

        private String arguments(Field field) {
            List<String> arguments = new ArrayList<>();
            for (InputValue argument : field.args()) {
                if (!argument.type().nonNull() && random.nextBoolean() || random.nextInt(50) == 0) {
                    continue;
                }
                Object value = values.value(random, field.name(), argument.name(), argument.type());
                if (random.nextInt(3) == 0) {
                    arguments.add(argument.name() + ": " + Operation.literal(value));
                } else {
                    String variable = "v" + name();
                    declared.put(variable, random.nextInt(40) == 0 ? "String" : argument.type().toString());
                    if (value != null || random.nextBoolean()) {
                        variables.put(variable, value);
                    }
                    arguments.add(argument.name() + ": $" + variable);
                }
            }
            return arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")";
        }

        /** One to four of the type's fields (leaf fields only at the deepest level), maybe in a fragment. */
        String selection(Type type, int depth, int maxDepth) {
            if (type.kind().equals("INTERFACE") || type.kind().equals("UNION")) {
                return "{ __typename }";
            }
            List<Field> candidates = new ArrayList<>(type.fields());
            if (depth > maxDepth) {
                candidates.removeIf(f -> !schema.type(f.type().named()).leaf()
                        || f.args().stream().anyMatch(a -> a.type().nonNull()));
            }
            Collections.shuffle(candidates, random);
            StringBuilder text = new StringBuilder();
            int count = candidates.isEmpty() ? 0 : 1 + random.nextInt(Math.min(4, candidates.size()));
            for (Field field : candidates.subList(0, count)) {
                String key = alias(field.name());
                text.append(' ').append(key.equals(field.name()) ? "" : key + ": ")
                        .append(field(field, depth, maxDepth));
            }
            if (count == 0 || random.nextInt(8) == 0) {
                text.append(" __typename");
            }
            return switch (random.nextInt(10)) {
                case 0 -> {
                    String fragment = "F" + name();
                    fragments.append(" fragment ").append(fragment).append(" on ").append(type.name()).append(" {")
                            .append(text).append(" }");
                    yield "{ ..." + fragment + " }";
                }
                case 1 -> "{ ... on " + type.name() + " {" + text + " } }";
                default -> "{" + text + " }";
            };
        }

        String declarations() {
            if (declared.isEmpty()) {
                return "";
            }
            List<String> list = new ArrayList<>();
            declared.forEach((name, type) -> list.add("$" + name + ": " + type));
            return "(" + String.join(", ", list) + ")";
        }

        String fragments() {
            return fragments.toString();
        }
    }
}
