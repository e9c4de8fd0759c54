package io.livetally.live;

import static io.livetally.common.InputValues.bindMutations;
import static io.livetally.common.InputValues.enumValue;
import static io.livetally.common.InputValues.instant;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLSchema;
import io.livetally.common.InputValues.Binder;
import io.smallrye.graphql.spi.EventingService;

/**
 * Binds {@code recordViewerEvents}' {@code events} (up to 1,000 input objects a call) to {@link ViewerEventInput}s
 * by hand, then lets SmallRye's data fetcher run as for any field. SmallRye binds an input object by writing
 * graphql-java's map of it to a JSON string with JSON-B and reading that back into the record, one object at a time
 * ({@code ArgumentHelper.correctComplexObjectFromMap}): profiled, that was the largest cost of an ingest batch. Given
 * records of the declared class, SmallRye passes them through unchanged.
 *
 * <p>What reaches this point is already coerced and validated by graphql-java (enum names, non-null fields, IDs as
 * strings, a DateTime checked by {@code StrictScalars}), so binding is a matter of reading the map; a value of a
 * shape not expected here leaves the whole argument to SmallRye, as before. A DateTime is read as SmallRye's
 * {@code DateTransformer} reads an Instant: {@link DateTimeFormatter#ISO_INSTANT}. A SmallRye {@link EventingService}
 * (META-INF/services), always on.
 */
public class ViewerEventArguments implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        return bindMutations(builder,
                List.of(new Binder("recordViewerEvents", "events", ViewerEventArguments::inputs)));
    }

    /** The events as records; null when the value has a shape not expected here (SmallRye then binds it). */
    static List<ViewerEventInput> inputs(Object value) {
        if (!(value instanceof List<?> items)) {
            return null;
        }
        List<ViewerEventInput> events = new ArrayList<>(items.size());
        try {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> fields)) {
                    return null;
                }
                events.add(new ViewerEventInput(enumValue(ViewerEventType.class, fields.get("type")),
                        (String) fields.get("viewerRef"), instant(fields.get("at")), (String) fields.get("eventId"),
                        (String) fields.get("productId"), enumValue(TrafficSource.class, fields.get("source"))));
            }
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
        return events;
    }
}
