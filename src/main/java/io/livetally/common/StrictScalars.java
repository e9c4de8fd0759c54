package io.livetally.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Checks Int, BigDecimal, DateTime and Date arguments when the request is validated, before anything runs.
 * SmallRye's coercion lets through values it converts wrongly later (an Int of 4294967297 became 1 and
 * 1.5 became 1, so a quantity or page size was silently another one) or fails to convert inside the call
 * (a DateTime of "2020-13-45…", a BigDecimal of "NaN"), answering with a Java class name and a second,
 * misleading null error. Refused here, they are the spec's "Variable … has an invalid value" errors.
 * The check wraps the scalar itself, so graphql-java applies it wherever the scalar occurs: as an
 * argument, inside input objects and lists, in a literal or in a variable.
 * A SmallRye {@link EventingService} (META-INF/services), always on.
 */
public class StrictScalars implements EventingService {

    /**
     * The instants a DateTime may name: years 1970 to 9999 in UTC. Java parses years up to a billion, but
     * such an instant has no date in the business time zone (its conversion threw inside the resolver) and
     * SmallRye's JSON-B binding of an input object cannot read it (answering "Unknown Scalar Type [a class]").
     */
    private static final Instant FIRST_INSTANT = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** The days a Date may name, the same years. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private static final Map<String, Check> CHECKS = Map.of(
            "Int", new Check("a 32-bit integer", StrictScalars::isInt,
                    literal -> literal instanceof IntValue i && i.getValue().bitLength() < Integer.SIZE),
            "BigDecimal", new Check("a decimal number such as 68.00", StrictScalars::isDecimal,
                    literal -> literal instanceof IntValue || literal instanceof FloatValue
                            || literal instanceof StringValue s && isDecimal(s.getValue())),
            "DateTime", new Check("an ISO-8601 instant between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z,"
                    + " such as 2024-06-01T08:00:00Z",
                    value -> value instanceof String text && isInstant(text),
                    literal -> literal instanceof StringValue s && isInstant(s.getValue())),
            "Date", new Check("an ISO-8601 date between 1970-01-01 and 9999-12-31, such as 2024-06-01",
                    value -> value instanceof String text && isDate(text),
                    literal -> literal instanceof StringValue s && isDate(s.getValue())));

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema strict = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                Check check = CHECKS.get(scalar.getName());
                return check == null ? TraversalControl.CONTINUE : changeNode(context,
                        scalar.transform(b -> b.coercing(new Checked(scalar.getName(), scalar.getCoercing(), check))));
            }
        });
        return GraphQLSchema.newSchema(strict);
    }

    /** What a scalar accepts: from variables (JSON values) and as literals in the document. */
    private record Check(String expected, Predicate<Object> value, Predicate<Value<?>> literal) {
    }

    /** SmallRye's coercion, behind the check; output is left as it was. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private record Checked(String scalar, Coercing delegate, Check check) implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object output, GraphQLContext context, Locale locale)
                throws CoercingSerializeException {
            return delegate.serialize(output, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale)
                throws CoercingParseValueException {
            if (!check.value().test(input)) {
                throw new CoercingParseValueException(message(input));
            }
            return delegate.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            if (!check.literal().test(input)) {
                throw new CoercingParseLiteralException(message(input));
            }
            return delegate.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return delegate.valueToLiteral(input, context, locale);
        }

        private String message(Object input) {
            String text = String.valueOf(input instanceof StringValue s ? s.getValue() : input);
            return "a " + scalar + " must be " + check.expected() + ", not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
    }

    private static boolean isInt(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return false;
        }
        return value instanceof Number number && fitsInt(new BigDecimal(number.toString()));
    }

    /** Whole and within 32 bits; the digit count is checked first, so 1e999999999 is never expanded. */
    private static boolean fitsInt(BigDecimal value) {
        BigDecimal whole = value.stripTrailingZeros();
        return whole.scale() <= 0 && (long) whole.precision() - whole.scale() <= 10
                && whole.toBigIntegerExact().bitLength() < Integer.SIZE;
    }

    private static boolean isDecimal(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Number) {
            return !(value instanceof Float f) || Float.isFinite(f);
        }
        if (value instanceof String text) {
            try {
                new BigDecimal(text);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** Any offset, applied before comparing: 1970-01-01T07:59:59+08:00 lies before 1970. */
    private static boolean isInstant(String text) {
        try {
            Instant instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            return !instant.isBefore(FIRST_INSTANT) && !instant.isAfter(LAST_INSTANT);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate day = LocalDate.parse(text);
            return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
