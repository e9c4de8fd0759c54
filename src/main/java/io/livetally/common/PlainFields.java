package io.livetally.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * The properties of {@link ReadWithParent} records are read by a plain accessor call, with SmallRye's own
 * transformation of the value (dates, number formats, adapters: {@link FieldHelper}), but without SmallRye's
 * per-field context: SmallRye's {@code FieldDataFetcher} clones the request's {@code SmallRyeContext} for every field
 * of every object it answers, and fills it with the field's path, the execution id as text and the field's selection
 * set built twice as JSON arrays — for a record accessor, which reads none of it. A stats read with every live-insight
 * field answers ~95 such fields (five products' funnels, six traffic sources, the buyers' provinces), and those
 * contexts were most of what the new fields cost. {@code @Source} resolvers and operations keep SmallRye's data
 * fetchers (and their context) unchanged; so does any other type. A SmallRye {@link DataFetcherService}
 * (META-INF/services), always on.
 */
public class PlainFields implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 100;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        Class<?> record;
        try {
            record = ClassloadingService.get().loadClass(owner.getClassName());
        } catch (RuntimeException e) {
            return null;
        }
        if (record == null || !record.isRecord() || !record.isAnnotationPresent(ReadWithParent.class)
                || field.getMethodName() == null) {
            return null;
        }
        try {
            return new Accessor<>(record.getMethod(field.getMethodName()), new FieldHelper(field));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The record component's value, transformed as SmallRye would. */
    static final class Accessor<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

        private final Method method;
        private final FieldHelper helper;

        Accessor(Method method, FieldHelper helper) {
            this.method = method;
            this.helper = helper;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment environment) throws Exception {
            Object value;
            try {
                value = method.invoke(environment.getSource());
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : new GraphQLException(e.getCause());
            }
            try {
                return (T) helper.transformOrAdaptResponse(value, environment);
            } catch (AbstractDataFetcherException e) {
                // as SmallRye's FieldDataFetcher: the value untransformed
                return (T) value;
            }
        }
    }
}
