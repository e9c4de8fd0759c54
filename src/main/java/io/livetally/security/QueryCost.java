package io.livetally.security;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The calculated cost of one operation, before it runs: from the parsed document, the served schema and the
 * request's variables, by the weights of {@link CostWeights}. Fragments are costed once per page size (memoised),
 * so a document whose fragments multiply each other is measured, not unfolded; every alias costs again.
 */
final class QueryCost {

    /** Costs saturate here: "more than the maximum" is all that matters past it. */
    static final long CEILING = 1L << 40;

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> defaults = new HashMap<>();
    private final Map<String, Long> memo = new HashMap<>();
    /** Pricing what was returned (the answer's data) rather than what may be. */
    private boolean actual;
    /** Pricing for the admission of analytics: the live figures' selections cost nothing ({@link CostWeights#LIVE_FIGURES}). */
    private boolean admission;

    private QueryCost(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, OperationDefinition operation,
            Map<String, Object> variables) {
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables;
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (definition.getDefaultValue() != null) {
                defaults.put(definition.getName(), definition.getDefaultValue());
            }
        }
    }

    /**
     * The operation's cost. {@code variables} holds the request's top-level variables as {@link RequestVariables}
     * read them: numbers, strings, booleans, and lists as their size.
     */
    static long of(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, OperationDefinition operation,
            Map<String, Object> variables) {
        QueryCost cost = new QueryCost(schema, fragments, operation, variables);
        GraphQLFieldsContainer root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        if (root == null) {
            return 0;
        }
        return cost.selections(operation.getSelectionSet(), root, 0, operation.getOperation() == OperationDefinition.Operation.MUTATION, null);
    }

    /**
     * The operation's price for {@code AnalyticsAdmission}: {@link #of} without what is selected inside a live
     * session's figures ({@link CostWeights#LIVE_FIGURES}), which are read from Redis and memory, not PostgreSQL.
     */
    static long admission(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, OperationDefinition operation,
            Map<String, Object> variables) {
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return 0;
        }
        QueryCost cost = new QueryCost(schema, fragments, operation, variables);
        cost.admission = true;
        return cost.selections(operation.getSelectionSet(), schema.getQueryType(), 0, false, null);
    }

    /**
     * What the answer's {@code data} actually cost: the same weights, with each list and page as long as it came
     * back (a page of 3 orders where 100 were asked, a null where a field failed).
     */
    static long actual(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, OperationDefinition operation,
            Map<String, Object> variables, Object data) {
        if (!(data instanceof Map<?, ?>)) {
            return 0;
        }
        QueryCost cost = new QueryCost(schema, fragments, operation, variables);
        cost.actual = true;
        GraphQLFieldsContainer root = operation.getOperation() == OperationDefinition.Operation.MUTATION
                ? schema.getMutationType() : schema.getQueryType();
        return root == null ? 0 : cost.selections(operation.getSelectionSet(), root, 0,
                operation.getOperation() == OperationDefinition.Operation.MUTATION, data);
    }

    /** Whether the operation's fields are all ingest mutations (recordOrder(s), refundOrder, recordViewerEvents). */
    static boolean ingest(OperationDefinition operation) {
        if (operation.getOperation() != OperationDefinition.Operation.MUTATION) {
            return false;
        }
        boolean any = false;
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !(CostWeights.INGEST.contains(field.getName())
                    || field.getName().equals("__typename"))) {
                return false;
            }
            any |= CostWeights.INGEST.contains(field.getName());
        }
        return any;
    }

    /** {@code first} is the page size when the set is a connection's selection (0 otherwise). */
    private long selections(SelectionSet set, GraphQLFieldsContainer type, long first, boolean mutationRoot, Object data) {
        if (set == null || actual && !(data instanceof Map<?, ?>)) {
            return 0;
        }
        long total = 0;
        for (Selection<?> selection : set.getSelections()) {
            long cost;
            if (selection instanceof Field field) {
                cost = field(field, type, first, mutationRoot, data);
            } else if (selection instanceof InlineFragment inline) {
                cost = selections(inline.getSelectionSet(), conditioned(inline.getTypeCondition() == null ? null
                        : inline.getTypeCondition().getName(), type), first, mutationRoot, data);
            } else if (selection instanceof FragmentSpread spread) {
                cost = fragment(spread.getName(), type, first, data);
            } else {
                cost = 0;
            }
            total = plus(total, cost);
        }
        return total;
    }

    private GraphQLFieldsContainer conditioned(String typeName, GraphQLFieldsContainer fallback) {
        return typeName != null && schema.getType(typeName) instanceof GraphQLFieldsContainer named ? named : fallback;
    }

    private long fragment(String name, GraphQLFieldsContainer type, long first, Object data) {
        if (actual) {
            FragmentDefinition fragment = fragments.get(name);
            return fragment == null ? 0 : selections(fragment.getSelectionSet(),
                    conditioned(fragment.getTypeCondition().getName(), type), first, false, data);
        }
        String key = name + "@" + first;
        Long known = memo.get(key);
        if (known != null) {
            return known;
        }
        FragmentDefinition fragment = fragments.get(name);
        if (fragment == null) {
            return 0;
        }
        memo.put(key, 0L); // a fragment that spreads itself (validation refuses it) costs nothing more
        long cost = selections(fragment.getSelectionSet(), conditioned(fragment.getTypeCondition().getName(), type), first, false, null);
        memo.put(key, cost);
        return cost;
    }

    private long field(Field field, GraphQLFieldsContainer parent, long first, boolean mutationRoot, Object data) {
        if (field.getName().startsWith("__")) {
            return 0;
        }
        GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
        if (definition == null) {
            return 0; // validation refuses it
        }
        String key = parent.getName() + "." + field.getName();
        GraphQLType type = definition.getType();
        GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
        long own = mutationRoot ? CostWeights.MUTATION + batch(field) : CostWeights.FIELD.getOrDefault(key, -1L);
        if (admission && CostWeights.LIVE_FIGURES.contains(key)) {
            return Math.max(own, 0);
        }
        Object value = actual ? ((Map<?, ?>) data).get(field.getResultKey()) : null;
        if (actual && value == null) {
            return 0;
        }
        if (!(named instanceof GraphQLFieldsContainer object)) {
            if (field.getName().equals("totalCount") && first > 0) {
                return own >= 0 ? own : CostWeights.COUNT;
            }
            return Math.max(own, 0);
        }
        if (named.getName().endsWith("Connection")) {
            long page = number(argument(field, "first"), CostWeights.DEFAULT_FIRST);
            long inside = selections(field.getSelectionSet(), object, Math.max(page, 1), false, value);
            long count = counted(field) ? CostWeights.TOTAL_COUNT.getOrDefault(key, CostWeights.COUNT) - CostWeights.COUNT : 0;
            return plus(plus(Math.max(own, 0), CostWeights.CONNECTION), plus(inside, count));
        }
        long item = own >= 0 || free(named, key) ? 0 : CostWeights.OBJECT;
        long head = Math.max(own, 0);
        if (!GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type))) {
            return plus(head, plus(item, selections(field.getSelectionSet(), object, 0, false, value)));
        }
        long size;
        if (CostWeights.RANKINGS.contains(key)) {
            head = plus(head, CostWeights.RANKING);
            size = Math.min(number(argument(field, "limit"), CostWeights.DEFAULT_LIMIT), CostWeights.MAX_LIMIT);
        } else if (key.equals(CostWeights.TIME_SERIES_FIELD) || key.equals(CostWeights.TIMELINE_FIELD)) {
            size = buckets(field, key);
            head = plus(head, CostWeights.TIME_SERIES + (size + CostWeights.BUCKETS_PER_POINT - 1) / CostWeights.BUCKETS_PER_POINT);
        } else if (named.getName().endsWith("Edge") && first > 0) {
            size = first;
        } else {
            size = CostWeights.LIST_SIZE.getOrDefault(key, CostWeights.DEFAULT_FIRST);
        }
        if (!actual) {
            return plus(head, times(Math.max(size, 0), plus(item, selections(field.getSelectionSet(), object, 0, false, null))));
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        if (key.equals(CostWeights.TIME_SERIES_FIELD) || key.equals(CostWeights.TIMELINE_FIELD)) {
            head = plus(Math.max(own, 0), CostWeights.TIME_SERIES
                    + (items.size() + CostWeights.BUCKETS_PER_POINT - 1) / CostWeights.BUCKETS_PER_POINT);
        }
        long total = head;
        for (Object element : items) {
            total = plus(total, element == null ? 0 : plus(item, selections(field.getSelectionSet(), object, 0, false, element)));
        }
        return total;
    }

    private static boolean free(GraphQLNamedType type, String key) {
        return CostWeights.FREE_TYPES.contains(type.getName()) || CostWeights.FREE_FIELDS.contains(key)
                || type.getName().endsWith("Edge");
    }

    /** Whether a connection's selection asks for its totalCount (directly: a fragment's is costed as COUNT). */
    private static boolean counted(Field connection) {
        return connection.getSelectionSet() != null && connection.getSelectionSet().getSelections().stream()
                .anyMatch(s -> s instanceof Field f && f.getName().equals("totalCount"));
    }

    /** What an ingest mutation's batch adds: one per order, one per ten viewer events. */
    private long batch(Field field) {
        return switch (field.getName()) {
            case "recordOrders" -> times(size(argument(field, "inputs")), CostWeights.PER_ORDER);
            case "recordOrder" -> CostWeights.PER_ORDER;
            case "recordViewerEvents" -> (size(argument(field, "events")) + CostWeights.VIEWER_EVENTS_PER_POINT - 1)
                    / CostWeights.VIEWER_EVENTS_PER_POINT;
            default -> 0;
        };
    }

    /** A time series' buckets: from its period and granularity (all it may have when they are not known). */
    private long buckets(Field field, String key) {
        String granularity = text(argument(field, "granularity"));
        if (key.equals(CostWeights.TIMELINE_FIELD)) {
            long minutes = CostWeights.SESSION_HOURS * 60;
            return granularity == null ? minutes : switch (granularity) {
                case "MINUTE" -> minutes;
                case "HOUR" -> CostWeights.SESSION_HOURS;
                default -> 1;
            };
        }
        String from = text(argument(field, "from"));
        String to = text(argument(field, "to"));
        if (granularity == null || from == null || to == null) {
            return CostWeights.MAX_BUCKETS;
        }
        try {
            long minutes = Duration.between(Instant.parse(from), Instant.parse(to)).toMinutes();
            long width = switch (granularity) {
                case "MINUTE" -> 1;
                case "HOUR" -> 60;
                case "DAY" -> 24 * 60;
                case "MONTH" -> 28 * 24 * 60;
                default -> 1;
            };
            return Math.min(Math.max(minutes / width + 1, 1), CostWeights.MAX_BUCKETS);
        } catch (DateTimeParseException | ArithmeticException e) {
            return CostWeights.MAX_BUCKETS; // refused when it runs
        }
    }

    private static Value<?> argument(Field field, String name) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                return argument.getValue();
            }
        }
        return null;
    }

    /** The value a variable reference stands for: the request's, else the operation's default. */
    private Object resolve(Value<?> value) {
        if (value instanceof VariableReference reference) {
            if (variables.containsKey(reference.getName())) {
                return variables.get(reference.getName());
            }
            Value<?> fallback = defaults.get(reference.getName());
            return fallback == null ? null : resolve(fallback);
        }
        if (value instanceof IntValue i) {
            return i.getValue().bitLength() < 63 ? i.getValue().longValue() : Long.MAX_VALUE;
        }
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        if (value instanceof ArrayValue array) {
            return new RequestVariables.ListSize(array.getValues().size());
        }
        return value instanceof NullValue ? null : value;
    }

    private long number(Value<?> value, long fallback) {
        Object resolved = resolve(value);
        return resolved instanceof Long n ? n : fallback;
    }

    private String text(Value<?> value) {
        Object resolved = resolve(value);
        return resolved instanceof String s ? s : null;
    }

    /** A list argument's length; a single value given for a list is a list of one. */
    private long size(Value<?> value) {
        Object resolved = resolve(value);
        if (resolved instanceof RequestVariables.ListSize list) {
            return list.size();
        }
        return resolved == null ? 0 : 1;
    }

    static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > CEILING ? CEILING : sum;
    }

    static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > CEILING / b ? CEILING : Math.min(a * b, CEILING);
    }

    /** For tests and docs: the fragments of a document by name. */
    static Map<String, FragmentDefinition> fragments(List<FragmentDefinition> definitions) {
        Map<String, FragmentDefinition> byName = new HashMap<>();
        definitions.forEach(f -> byName.putIfAbsent(f.getName(), f));
        return byName;
    }
}
