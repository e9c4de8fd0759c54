package io.livetally.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.vertx.mutiny.sqlclient.Tuple;

/** Builds a WHERE clause from optional filters, numbering the bind parameters as it goes. */
public final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column = value}, skipped when the value is null. */
    public SqlWhere equal(String column, Object value) {
        return when(value, n -> column + " = $" + n);
    }

    /** A condition on one parameter, written by {@code condition(parameterNumber)}; skipped for null. */
    public SqlWhere when(Object value, IntFunction<String> condition) {
        if (value instanceof String text && text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database.
            throw new InvalidInputException("filter values must not contain NUL characters");
        }
        if (value instanceof String text && !java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            // A lone surrogate has no UTF-8 form: PostgreSQL refused it as an invalid byte sequence (found by FuzzTest).
            throw new InvalidInputException("filter values must not contain lone surrogates");
        }
        if (value != null) {
            parameters.add(value);
            conditions.add(condition.apply(parameters.size()));
        }
        return this;
    }

    /** A condition on several parameters, numbered from {@code condition(firstParameterNumber)}. */
    public SqlWhere all(IntFunction<String> condition, Object... values) {
        int first = parameters.size() + 1;
        parameters.addAll(List.of(values));
        conditions.add(condition.apply(first));
        return this;
    }

    /** Binds a parameter no condition of this clause uses (a select-list expression does): its number. */
    public int bind(Object value) {
        parameters.add(value);
        return parameters.size();
    }

    public SqlWhere condition(String condition) {
        conditions.add(condition);
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The number the next parameter would get (for a LIMIT after the filters). */
    public int next() {
        return parameters.size() + 1;
    }

    public Tuple tuple(Object... more) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(List.of(more));
        return Tuple.from(all);
    }

    public SqlWhere copy() {
        SqlWhere copy = new SqlWhere();
        copy.conditions.addAll(conditions);
        copy.parameters.addAll(parameters);
        return copy;
    }
}
