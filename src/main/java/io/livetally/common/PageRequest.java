package io.livetally.common;

import java.util.List;
import java.util.function.Function;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * {@code first}/{@code after} of a Relay connection: 20 by default, at most 100 (more is refused, not
 * capped); and whether {@code totalCount} is wanted (its {@code count(*)} reads every match of the filter,
 * so it runs only when the client selects it).
 */
public record PageRequest(int first, Cursor after, boolean countTotal) {

    /** The totalCount of a connection whose client did not select it: never serialized. */
    public static final long NOT_COUNTED = 0;

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer first, String kind, String after) {
        if (first != null && (first < 0 || first > MAX_SIZE)) {
            throw new InvalidInputException("first must be between 0 and " + MAX_SIZE);
        }
        int size = first == null ? DEFAULT_SIZE : first;
        return new PageRequest(size, Cursor.decode(kind, after), true);
    }

    /** The page a connection field asks for, counting the total only when the field selects {@code totalCount}. */
    public static PageRequest of(Integer first, String kind, String after, Context field) {
        return of(first, kind, after).countingTotalWhen(selects(field, "totalCount"));
    }

    private PageRequest countingTotalWhen(boolean selected) {
        return new PageRequest(first, after, selected);
    }

    /** Whether the field being resolved selects the named child (per field and alias); true when it cannot be told. */
    private static boolean selects(Context field, String child) {
        DataFetchingEnvironment environment = field == null ? null : field.unwrap(DataFetchingEnvironment.class);
        return environment == null || environment.getSelectionSet().contains(child);
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return first + 1;
    }

    /** Cuts the fetched rows to the page and builds edges with the cursor of each row. */
    public <T, E, C> C connection(List<T> fetched, long totalCount, Function<T, String> cursor,
            EdgeFactory<T, E> edge, ConnectionFactory<E, C> connection) {
        boolean hasNext = fetched.size() > first;
        List<T> page = hasNext ? fetched.subList(0, first) : fetched;
        List<E> edges = page.stream().map(row -> edge.create(cursor.apply(row), row)).toList();
        String endCursor = page.isEmpty() ? null : cursor.apply(page.get(page.size() - 1));
        return connection.create(edges, new PageInfo(hasNext, endCursor), Math.toIntExact(totalCount));
    }

    @FunctionalInterface
    public interface EdgeFactory<T, E> {
        E create(String cursor, T node);
    }

    @FunctionalInterface
    public interface ConnectionFactory<E, C> {
        C create(List<E> edges, PageInfo pageInfo, int totalCount);
    }
}
