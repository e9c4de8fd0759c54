package io.livetally.alert;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.common.Rows;
import io.vertx.mutiny.sqlclient.Row;

/**
 * An alert as clients see it; its session, region and order resolve in batches ({@link AlertGraphQLApi}), those of a
 * pushed alert ({@code pushed}: the {@code alerts} subscription's) through {@link AlertBus#reads()}.
 */
@ReadWithParent
public record Alert(
        @Id long id,
        @NonNull AlertKind kind,
        @NonNull Instant at,
        @NonNull String message,
        Double value,
        Double threshold,
        @Ignore Long sessionId,
        @Ignore Long streamerId,
        @Ignore String regionCode,
        @Ignore Long orderId,
        @Ignore boolean pushed) {

    static final String COLUMNS = "id, kind, at, message, value, threshold, session_id, streamer_id, region_code,"
            + " order_id";

    static Alert from(Row row) {
        return new Alert(row.getLong("id"), AlertKind.valueOf(row.getString("kind")), Rows.instant(row, "at"),
                row.getString("message"), row.getDouble("value"), row.getDouble("threshold"), row.getLong("session_id"),
                row.getLong("streamer_id"), row.getString("region_code"), row.getLong("order_id"), false);
    }

    /** This alert as the subscription pushes it. */
    Alert asPushed() {
        return new Alert(id, kind, at, message, value, threshold, sessionId, streamerId, regionCode, orderId, true);
    }
}
