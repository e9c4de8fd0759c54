package io.livetally.session;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.common.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** A live session as clients see it. */
@Description("A host's live session (直播场次): SCHEDULED → LIVE → ENDED, or SCHEDULED → CANCELLED.")
@ReadWithParent
public record LiveSession(
        @Id long id,
        @NonNull String title,
        @NonNull SessionStatus status,
        @NonNull Instant scheduledStart,
        Instant startedAt,
        Instant endedAt,
        @Ignore long streamerId,
        @Ignore String regionCode,
        @Ignore Long campaignId) {

    public static final String COLUMNS = "id, title, status, scheduled_start, started_at, ended_at, streamer_id,"
            + " region_code, campaign_id";

    public static LiveSession from(Row row) {
        return new LiveSession(row.getLong("id"), row.getString("title"), SessionStatus.valueOf(row.getString("status")),
                Rows.instant(row, "scheduled_start"), Rows.instant(row, "started_at"), Rows.instant(row, "ended_at"),
                row.getLong("streamer_id"), row.getString("region_code"), row.getLong("campaign_id"));
    }
}
