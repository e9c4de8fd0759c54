package io.livetally.streamer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.vertx.mutiny.sqlclient.Row;

/** A livestream host as clients see it. */
@ReadWithParent
public record Streamer(
        @Id long id,
        @NonNull String handle,
        @NonNull String displayName,
        @NonNull StreamerKind kind,
        @NonNull @Description("Selling platform the host streams on, free text such as douyin, kuaishou, taobao-live, 832.")
        String platform,
        @Ignore String homeRegionCode) {

    static final String COLUMNS = "id, handle, display_name, kind, platform, home_region_code";

    static Streamer from(Row row) {
        return new Streamer(row.getLong("id"), row.getString("handle"), row.getString("display_name"),
                StreamerKind.valueOf(row.getString("kind")), row.getString("platform"),
                row.getString("home_region_code"));
    }
}
