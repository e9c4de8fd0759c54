package io.livetally.common;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import io.smallrye.graphql.spi.EventingService;

/**
 * SmallRye's data fetcher of an operation (a {@code @Query}, a {@code @Source} resolver) fills the request's context for
 * it with the field's whole selection set, walked by graphql-java and built twice into JSON arrays, nested fields
 * within nested fields ({@code SmallRyeContextManager.populateFromDataFetchingEnvironment}) — for any resolver that
 * might ask the context what was selected. The resolvers of {@link #FIELDS} never ask (they inject no SmallRye
 * {@code Context}), and their selections are the largest the service answers often: {@code session(id)} and
 * {@code LiveSession.stats} of a stats read with every live-insight field (~95 fields), where that context was a third
 * of the read's CPU (JFR, docs/PERFORMANCE.md "Live insight"), and {@code ProductSales.product}, the batch field of the
 * same read (its context was still 8% of the read's CPU, "Fixed cost"). Their data fetchers are given an empty selection set;
 * graphql-java executes the selection as before (it does not read the environment's selection set), so the answer
 * is the same. A SmallRye {@link EventingService} (META-INF/services), always on.
 */
public class LeanSelections implements EventingService {

    /** Fields whose resolvers read nothing of SmallRye's context. */
    static final List<FieldCoordinates> FIELDS = List.of(FieldCoordinates.coordinates("Query", "session"),
            FieldCoordinates.coordinates("LiveSession", "stats"), FieldCoordinates.coordinates("ProductSales", "product"));

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry lean = registry.transform(code -> {
            for (FieldCoordinates field : FIELDS) {
                if (schema.getType(field.getTypeName()) instanceof GraphQLFieldsContainer type
                        && type.getFieldDefinition(field.getFieldName()) != null) {
                    code.dataFetcher(field, lean(registry.getDataFetcher(field,
                            type.getFieldDefinition(field.getFieldName()))));
                }
            }
        });
        return GraphQLSchema.newSchema(schema).codeRegistry(lean);
    }

    /** The data fetcher, given the environment with an empty selection set. */
    static DataFetcher<Object> lean(DataFetcher<?> smallrye) {
        return environment -> smallrye.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment)
                .selectionSet(NONE).build());
    }

    /** No field selected. */
    static final DataFetchingFieldSelectionSet NONE = new DataFetchingFieldSelectionSet() {

        @Override
        public boolean contains(String fieldGlobPattern) {
            return false;
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return List.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return Map.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern,
                String... fieldGlobPatterns) {
            return Map.of();
        }
    };
}
