package io.livetally.common;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;

/**
 * Instrumentations of our own chained around SmallRye's: SmallRye builds its graphql-java {@link GraphQL} with an
 * instrumentation of its own (its query cache's) and hands the builder to each {@code EventingService}'s
 * {@code beforeGraphQLBuild}, which may only replace it — so it is read from a build of the builder and kept.
 *
 * <p>Chained without a {@link ChainedInstrumentation} when they can be: ours and SmallRye's query cache act once per
 * request (its input, its execution context, the validation of a new document) and never per field, but a
 * {@code ChainedInstrumentation} — SmallRye's own around its query cache, and ours around that — calls every one of
 * them at each of a field's steps (fetch, execution, completion, the data fetcher) and allocates a context to hold
 * their answers: ~7% of the CPU of a stats read (PERFORMANCE.md, issue 17, tenth session). When every instrumentation
 * in the chain leaves the per-field steps alone, {@link #around} hands graphql-java one {@link ExecutionLevel} of them
 * instead, whose per-field steps cost nothing; any other instrumentation (federation tracing, query complexity) keeps
 * the {@code ChainedInstrumentation}.
 */
public final class SmallRyeInstrumentation {

    /** The steps of {@link Instrumentation} that {@link ExecutionLevel} hands on to its instrumentations. */
    static final Set<String> EXECUTION_LEVEL = Set.of("instrumentExecutionInput", "instrumentExecutionContext",
            "beginValidation");

    private SmallRyeInstrumentation() {
    }

    /** The builder with {@code before} (null: none), the instrumentation it has, then {@code after} (null: none). */
    public static GraphQL.Builder around(GraphQL.Builder builder, Instrumentation before, Instrumentation after) {
        Instrumentation smallrye = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>(3);
        for (Instrumentation each : new Instrumentation[] {before, smallrye, after}) {
            if (each != null) {
                flatten(each, chain);
            }
        }
        return builder.instrumentation(chained(chain));
    }

    /** One instrumentation calling these in order: an {@link ExecutionLevel} when all of them are of that level. */
    static Instrumentation chained(List<Instrumentation> chain) {
        return chain.stream().allMatch(SmallRyeInstrumentation::executionLevel) ? new ExecutionLevel(chain)
                : new ChainedInstrumentation(chain);
    }

    private static void flatten(Instrumentation instrumentation, List<Instrumentation> into) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            chained.getInstrumentations().forEach(each -> flatten(each, into));
        } else if (instrumentation instanceof ExecutionLevel level) {
            into.addAll(level.chain);
        } else {
            into.add(instrumentation);
        }
    }

    /**
     * Whether {@code instrumentation} overrides no step of {@link Instrumentation} but those of {@link #EXECUTION_LEVEL}
     * (and so needs no state of its own either), below graphql-java's no-op bases.
     */
    static boolean executionLevel(Instrumentation instrumentation) {
        for (Class<?> type = instrumentation.getClass(); type != null && type != Object.class
                && type != SimpleInstrumentation.class && type != SimplePerformantInstrumentation.class;
                type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && !method.isBridge() && isStep(method)
                        && !EXECUTION_LEVEL.contains(method.getName())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isStep(Method method) {
        try {
            Instrumentation.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Instrumentations that act only on a request's input, its execution context and the validation of its document,
     * in order, each as a {@link ChainedInstrumentation} would call it (none has a state of its own); every other
     * step is graphql-java's no-op.
     */
    static final class ExecutionLevel extends SimplePerformantInstrumentation {

        final List<Instrumentation> chain;

        ExecutionLevel(List<Instrumentation> chain) {
            this.chain = List.copyOf(chain);
        }

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            return FieldFetchingInstrumentationContext.NOOP; // the default wraps beginFieldFetch's no-op, per field
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            for (Instrumentation each : chain) {
                input = each.instrumentExecutionInput(input, parameters, null);
            }
            return input;
        }

        @Override
        public ExecutionContext instrumentExecutionContext(ExecutionContext context,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            for (Instrumentation each : chain) {
                context = each.instrumentExecutionContext(context, parameters, null);
            }
            return context;
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                InstrumentationState state) {
            List<InstrumentationContext<List<ValidationError>>> contexts = new ArrayList<>(1);
            for (Instrumentation each : chain) {
                InstrumentationContext<List<ValidationError>> context = each.beginValidation(parameters, null);
                if (context != null) {
                    contexts.add(context);
                }
            }
            if (contexts.size() <= 1) {
                return contexts.isEmpty() ? null : contexts.get(0);
            }
            return new InstrumentationContext<>() {
                @Override
                public void onDispatched() {
                    contexts.forEach(InstrumentationContext::onDispatched);
                }

                @Override
                public void onCompleted(List<ValidationError> result, Throwable failure) {
                    contexts.forEach(context -> context.onCompleted(result, failure));
                }
            };
        }
    }
}
