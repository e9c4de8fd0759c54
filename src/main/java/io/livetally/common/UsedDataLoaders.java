package io.livetally.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.smallrye.graphql.spi.EventingService;

/**
 * Each request's execution keeps only the data loaders its document can use (docs/PERFORMANCE.md, "Fixed cost").
 * SmallRye gives every request a {@link DataLoaderRegistry} holding a loader for each batch field of the schema (a
 * {@code @Source List} resolver: 23 of them), and graphql-java, seeing a registry, dispatches <em>all</em> of its
 * loaders after every level of every object it completes ({@code PerLevelDataLoaderDispatchStrategy}: a clock read,
 * locks and queue checks per loader). A stats read, with one batch field ({@code ProductSales.product}), spent ~12% of
 * its CPU there; a {@code { __typename }} paid for the strategy's bookkeeping with no loader to fill.
 *
 * <p>SmallRye names a batch field's loader {@code <Type>_<field>} and a loader is only ever asked for by the data
 * fetcher of a field of that name, so the loaders whose name does not end with {@code _<name>} for some field name of
 * the document (in any operation or fragment, aliases aside) can never be asked for in its execution: they are left
 * out. The registry handed on is always one that takes loaders: {@link ArgumentBatches} registers its own during the
 * execution (graphql-java's empty registry refuses them, and dispatches none — FuzzTest found that). The field names of a document are read once per parsed document (SmallRye's query cache hands the same
 * {@link Document} to every request of the same text). Subscriptions keep the whole registry. A SmallRye
 * {@link EventingService} (META-INF/services), always on.
 */
public class UsedDataLoaders implements EventingService {

    /** Documents whose field names were read (weakly bounded: cleared when it grows past this). */
    static final int MAX_DOCUMENTS = 4096;

    private static final Map<Document, Set<String>> FIELD_NAMES = new ConcurrentHashMap<>();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return SmallRyeInstrumentation.around(builder, null, NARROW);
    }

    /** Hands the execution a registry of the loaders its document can use. */
    static final Instrumentation NARROW = new SimplePerformantInstrumentation() {
        @Override
        public ExecutionContext instrumentExecutionContext(ExecutionContext context,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            DataLoaderRegistry all = context.getDataLoaderRegistry();
            if (all == null || all == EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY
                    || context.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                return context;
            }
            DataLoaderRegistry used = used(all, fieldNames(context.getDocument()));
            return used == all ? context : context.transform(builder -> builder.dataLoaderRegistry(used));
        }
    };

    /**
     * The loaders of {@code all} that a document with these field names can ask for: {@code all} itself when that is
     * every one of them, else a registry of their own (empty when none) that still takes the loaders registered
     * during the execution.
     */
    static DataLoaderRegistry used(DataLoaderRegistry all, Set<String> fieldNames) {
        Set<String> keys = all.getKeys();
        List<String> kept = new ArrayList<>(keys.size());
        for (String key : keys) {
            // A name SmallRye did not make is kept: nothing is known of who asks for it.
            if (key.indexOf('_') < 0 || askedFor(key, fieldNames)) {
                kept.add(key);
            }
        }
        if (kept.size() == keys.size()) {
            return all;
        }
        DataLoaderRegistry used = new DataLoaderRegistry();
        for (String key : kept) {
            DataLoader<?, ?> loader = all.getDataLoader(key);
            used.register(key, loader);
        }
        return used;
    }

    /** Whether a field of one of these names may ask for the loader {@code key} ({@code <Type>_<field>}). */
    private static boolean askedFor(String key, Set<String> fieldNames) {
        // Type names may hold '_' too: any suffix after a '_' may be the field's name.
        for (int cut = key.indexOf('_'); cut >= 0; cut = key.indexOf('_', cut + 1)) {
            if (fieldNames.contains(key.substring(cut + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The names of every field the document selects, in its operations and fragments. */
    static Set<String> fieldNames(Document document) {
        Set<String> names = FIELD_NAMES.get(document);
        if (names == null) {
            names = read(document);
            if (FIELD_NAMES.size() >= MAX_DOCUMENTS) {
                FIELD_NAMES.clear();
            }
            FIELD_NAMES.put(document, names);
        }
        return names;
    }

    private static Set<String> read(Document document) {
        Set<String> names = new HashSet<>();
        document.getDefinitions().forEach(definition -> {
            if (definition instanceof OperationDefinition operation) {
                collect(operation.getSelectionSet(), names);
            } else if (definition instanceof FragmentDefinition fragment) {
                collect(fragment.getSelectionSet(), names);
            }
        });
        return Set.copyOf(names);
    }

    private static void collect(SelectionSet selections, Set<String> names) {
        if (selections == null) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                names.add(field.getName());
                collect(field.getSelectionSet(), names);
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), names);
            }
            // A fragment spread's fields are those of its definition, read on their own.
        }
    }
}
