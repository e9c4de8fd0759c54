package io.livetally.security;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.livetally.common.SmallRyeInstrumentation;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * A POST's {@code variables}, read once (docs/PERFORMANCE.md, "Ingest, fifth session"). The request gate reads every
 * token of the body anyway (its checks); it builds the variables as it goes, takes them out of the body it passes on
 * ({@code "variables":null} in their place, every other byte kept) and hands them to graphql-java here, through the
 * request's Vert.x context. Without it, a batch's variables (50 kB for 500 viewer events) were read three more times:
 * Quarkus ran a regex over the whole body (stripping newlines and tabs) and read it into JSON-P objects, and SmallRye
 * turned those into maps twice ({@code Context.getVariables()}, once for its payload log, once for the execution).
 *
 * <p>The maps are built as SmallRye's {@code VariablesParser.toMap} builds them — objects {@link HashMap}s, arrays
 * {@link ArrayList}s, numbers {@link BigDecimal}s of their exact text, strings, booleans, null — so graphql-java
 * coerces the same values. An {@link Instrumentation} chained first into SmallRye's puts them into the execution input
 * ({@code instrumentExecutionInput}, before the document is parsed or validated, before any variable is coerced). A
 * SmallRye {@link EventingService} (META-INF/services), always on.
 */
public class ParsedVariables implements EventingService {

    /** The Vert.x context-local key of a request's variables taken out of its body. */
    static final String KEY = ParsedVariables.class.getName();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return SmallRyeInstrumentation.around(builder, RESTORE, null);
    }

    /** Hands a request's variables over to its execution; false (nothing handed) off a request's duplicated context. */
    static boolean handOver(Map<String, Object> variables) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return false;
        }
        ContextLocals.put(KEY, variables);
        return true;
    }

    /** The variables handed over for this request, once; null when none were. */
    static Map<String, Object> take() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        Map<String, Object> variables = ContextLocals.<Map<String, Object>> get(KEY).orElse(null);
        if (variables != null) {
            ContextLocals.remove(KEY);
        }
        return variables;
    }

    /** Puts the request's variables, taken out of its body by the gate, into its execution input. */
    static final Instrumentation RESTORE = new SimplePerformantInstrumentation() {
        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            Map<String, Object> variables = take();
            if (variables == null || !input.getVariables().isEmpty()) {
                return input;
            }
            return input.transform(builder -> builder.variables(variables));
        }
    };

    /**
     * Builds a JSON value from the parser's tokens as the gate reads them ({@link #token}, from the value's first token
     * to its last), as {@code VariablesParser.toMap} would build it.
     */
    static final class Tree {
        private final List<Object> open = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private Object root;
        private boolean done;

        /** The value built; meaningful once its last token was given. */
        Object root() {
            return root;
        }

        boolean done() {
            return done;
        }

        /** One token; {@code number}: the number's value when the token is one (the gate has read it already). */
        void token(JsonParser json, JsonToken token, BigDecimal number) throws IOException {
            switch (token) {
                case START_OBJECT -> {
                    open.add(new HashMap<String, Object>());
                    names.add(null);
                }
                case START_ARRAY -> {
                    open.add(new ArrayList<Object>());
                    names.add(null);
                }
                case FIELD_NAME -> names.set(names.size() - 1, json.currentName());
                case END_OBJECT, END_ARRAY -> {
                    names.remove(names.size() - 1);
                    add(open.remove(open.size() - 1));
                }
                case VALUE_STRING -> add(json.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add(number);
                case VALUE_TRUE -> add(Boolean.TRUE);
                case VALUE_FALSE -> add(Boolean.FALSE);
                case VALUE_NULL -> add(null);
                default -> throw new IOException("unexpected token " + token);
            }
        }

        @SuppressWarnings("unchecked")
        private void add(Object value) {
            if (open.isEmpty()) {
                root = value;
                done = true;
                return;
            }
            Object into = open.get(open.size() - 1);
            if (into instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put(names.get(names.size() - 1), value);
            } else {
                ((List<Object>) into).add(value);
            }
        }
    }
}
