package io.livetally.common;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Values of graphql-java's coerced input maps read as SmallRye would bind them, for the binders that bypass its
 * JSON-B round trip ({@code ViewerEventArguments}, {@code OrderArguments}). Each throws on a value of another shape
 * (ClassCastException, IllegalArgumentException, DateTimeException): the caller then leaves the binding to SmallRye.
 */
public final class InputValues {

    private InputValues() {
    }

    /** An enum value given as its name (or already as the value); null stays null. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, Object value) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        return Enum.valueOf(type, (String) value);
    }

    /** A DateTime as SmallRye's {@code DateTransformer} reads an Instant: {@link DateTimeFormatter#ISO_INSTANT}. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        return DateTimeFormatter.ISO_INSTANT.parse((String) value, Instant::from);
    }

    /** One argument of a mutation bound by hand: {@code bind} reads its coerced value (null: SmallRye binds it). */
    public record Binder(String mutation, String argument, Function<Object, ?> bind) {
    }

    /** The schema with each binder's mutation given its argument as the binder reads it (an absent mutation: none). */
    public static GraphQLSchema.Builder bindMutations(GraphQLSchema.Builder builder, List<Binder> binders) {
        GraphQLSchema schema = builder.build();
        GraphQLObjectType mutations = schema.getMutationType();
        if (mutations == null) {
            return GraphQLSchema.newSchema(schema);
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(registry);
        for (Binder binder : binders) {
            GraphQLFieldDefinition field = mutations.getFieldDefinition(binder.mutation());
            if (field != null) {
                FieldCoordinates at = FieldCoordinates.coordinates(mutations.getName(), binder.mutation());
                code.dataFetcher(at, bound(registry.getDataFetcher(at, field), binder.argument(), binder.bind()));
            }
        }
        return GraphQLSchema.newSchema(schema).codeRegistry(code.build());
    }

    /**
     * SmallRye's fetcher, given the value of {@code argument} as {@code bind} reads it (records of the declared class,
     * which SmallRye passes through unchanged); when {@code bind} answers null, SmallRye binds the argument itself.
     */
    static DataFetcher<Object> bound(DataFetcher<?> smallrye, String argument, Function<Object, ?> bind) {
        return environment -> {
            Object value = bind.apply(environment.getArgument(argument));
            if (value == null) {
                return smallrye.get(environment);
            }
            Map<String, Object> arguments = new HashMap<>(environment.getArguments());
            arguments.put(argument, value);
            DataFetchingEnvironment bound = DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment)
                    .arguments(arguments).build();
            return smallrye.get(bound);
        };
    }
}
