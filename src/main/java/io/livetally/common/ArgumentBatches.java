package io.livetally.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/**
 * Batches a child field that takes arguments: one call per level of the response and distinct
 * argument set, with every source of that level. SmallRye's {@code @Source List<…>} batching
 * applies the first source's arguments to the whole batch, so aliases with other arguments
 * (`a: totals(from: …) b: totals(from: …)`) would get wrong answers; this keeps them apart.
 *
 * <p>Use it from a resolver taking a single {@code @Source}: the loads are queued in the request's
 * DataLoader registry and dispatched with SmallRye's own batches. Fields without arguments use it too
 * when each source must be authorized on its own ({@link #load(Context, String, Object, Function)}):
 * a failed source then fails its own field only, where a {@code @Source List} batch fails as a whole.
 */
public final class ArgumentBatches {

    private ArgumentBatches() {
    }

    /** The arguments of a field that takes none. */
    private enum NoArguments {
        NONE
    }

    /** A source and the arguments it was asked with: the unit of caching within one request. */
    private record Key<S, A>(S source, A arguments) {
    }

    /**
     * The field's value for {@code source} with {@code arguments}; {@code batch} answers, in order,
     * for all sources asked with equal arguments.
     */
    public static <S, A, R> Uni<R> load(Context context, String field, S source, A arguments,
            BiFunction<List<S>, A, Uni<List<R>>> batch) {
        DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
        DataLoader<Key<S, A>, R> loader = environment.getDataLoaderRegistry().computeIfAbsent("livetally:" + field,
                name -> DataLoaderFactory.<Key<S, A>, R>newDataLoader(keys -> dispatch(keys, batch)));
        return Uni.createFrom().completionStage(loader.load(new Key<>(source, arguments)));
    }

    /** The value for {@code source} of a field without arguments; {@code batch} answers, in order, for all sources. */
    public static <S, R> Uni<R> load(Context context, String field, S source, Function<List<S>, Uni<List<R>>> batch) {
        return load(context, field, source, NoArguments.NONE, (sources, none) -> batch.apply(sources));
    }

    private static <S, A, R> CompletableFuture<List<R>> dispatch(List<Key<S, A>> keys,
            BiFunction<List<S>, A, Uni<List<R>>> batch) {
        Map<A, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            positions.computeIfAbsent(keys.get(i).arguments(), a -> new ArrayList<>()).add(i);
        }
        List<Uni<List<R>>> calls = new ArrayList<>();
        positions.forEach((arguments, indexes) -> calls.add(Uni.createFrom()
                .deferred(() -> batch.apply(indexes.stream().map(i -> keys.get(i).source()).toList(), arguments))));
        return Uni.join().all(calls).andFailFast().map(answers -> {
            List<R> results = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                results.add(null);
            }
            int group = 0;
            for (List<Integer> indexes : positions.values()) {
                List<R> answer = answers.get(group++);
                for (int j = 0; j < indexes.size(); j++) {
                    results.set(indexes.get(j), answer.get(j));
                }
            }
            return results;
        }).subscribeAsCompletionStage();
    }
}
