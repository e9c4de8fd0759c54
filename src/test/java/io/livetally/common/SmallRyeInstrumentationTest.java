package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.execution.QueryCache;

/**
 * Our instrumentations and SmallRye's query cache act once per request: chained around SmallRye's, they are one
 * instrumentation whose per-field steps do nothing, and each still acts, in order, on every request.
 */
class SmallRyeInstrumentationTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { greeting(name: String): String  items: [Item]  } type Item { n: Int }"),
            RuntimeWiring.newRuntimeWiring().type("Query", type -> type
                    .dataFetcher("greeting", env -> "hello " + env.getArgument("name"))
                    .dataFetcher("items", env -> List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)))).build());

    /** SmallRye's builder: its query cache as the document provider and, in a chain, as the instrumentation. */
    private static GraphQL.Builder smallRyes() {
        QueryCache cache = new QueryCache();
        return GraphQL.newGraphQL(SCHEMA).instrumentation(new ChainedInstrumentation(List.of(cache)))
                .preparsedDocumentProvider(cache);
    }

    /** Like ParsedVariables' RESTORE: hands the request variables (here: always name = "gate"). */
    private static Instrumentation restoring(List<String> calls) {
        return new SimplePerformantInstrumentation() {
            @Override
            public ExecutionInput instrumentExecutionInput(ExecutionInput input,
                    InstrumentationExecutionParameters parameters, InstrumentationState state) {
                calls.add("input");
                return input.transform(builder -> builder.variables(Map.of("name", "gate")));
            }
        };
    }

    /** Like UsedDataLoaders' NARROW: sees each execution's context. */
    private static Instrumentation narrowing(List<String> calls) {
        return new SimplePerformantInstrumentation() {
            @Override
            public ExecutionContext instrumentExecutionContext(ExecutionContext context,
                    InstrumentationExecutionParameters parameters, InstrumentationState state) {
                calls.add("context " + context.getExecutionInput().getVariables().get("name"));
                return context;
            }
        };
    }

    @Test
    void oursAroundSmallRyesQueryCacheAreOneInstrumentationWithoutPerFieldSteps() {
        List<String> calls = new ArrayList<>();
        GraphQL.Builder builder = SmallRyeInstrumentation.around(smallRyes(), restoring(calls), null);
        builder = SmallRyeInstrumentation.around(builder, null, narrowing(calls));
        GraphQL graphQL = builder.build();
        Instrumentation instrumentation = graphQL.getInstrumentation();

        // every step a field takes is graphql-java's shared no-op: nothing called, nothing allocated per field
        assertThat(noOp(instrumentation.beginFieldExecution(null, null))).isTrue();
        assertThat(noOp(instrumentation.beginFieldFetching(null, null))).isTrue();
        assertThat(noOp(instrumentation.beginFieldCompletion(null, null))).isTrue();
        assertThat(noOp(instrumentation.beginFieldListCompletion(null, null))).isTrue();
        assertThat(noOp(instrumentation.beginExecuteObject(null, null))).isTrue();
        DataFetcher<?> fetcher = env -> "x";
        assertThat(instrumentation.instrumentDataFetcher(fetcher, (InstrumentationFieldFetchParameters) null, null))
                .isSameAs(fetcher);
        // the query cache still hears of each validation (it keeps the documents that passed)
        assertThat(instrumentation.beginValidation(null, null)).isNotNull();

        for (int i = 0; i < 2; i++) {
            ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput(
                    "query($name: String) { greeting(name: $name) items { n } }").build());
            assertThat(result.getErrors()).isEmpty();
            assertThat(result.<Map<String, Object>>getData()).containsEntry("greeting", "hello gate");
        }
        assertThat(calls).containsExactly("input", "context gate", "input", "context gate");
    }

    private static boolean noOp(Object context) {
        return context == null || context == SimpleInstrumentationContext.noOp()
                || context == FieldFetchingInstrumentationContext.NOOP || context == ExecuteObjectInstrumentationContext.NOOP;
    }

    @Test
    void anInstrumentationWithPerFieldStepsKeepsTheChainAndIsCalledForEachField() {
        AtomicInteger fetches = new AtomicInteger();
        Instrumentation perField = new SimplePerformantInstrumentation() {
            @Override
            public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                fetches.incrementAndGet();
                return null;
            }
        };
        List<String> calls = new ArrayList<>();
        GraphQL graphQL = SmallRyeInstrumentation.around(smallRyes(), restoring(calls), perField).build();

        assertThat(graphQL.getInstrumentation()).isInstanceOf(ChainedInstrumentation.class);
        ExecutionResult result = graphQL.execute("{ greeting items { n } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(fetches.get()).isEqualTo(5);              // greeting, items, and n of each of the three items
        assertThat(calls).containsExactly("input");
    }
}
