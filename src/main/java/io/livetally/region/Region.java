package io.livetally.region;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.vertx.mutiny.sqlclient.Row;

/** An administrative division (GB/T 2260 code), as clients see it. */
@ReadWithParent
public record Region(
        @Id @NonNull String code,
        @NonNull String name,
        @NonNull RegionLevel level,
        @Description("Poverty-alleviation focus area (e.g. a nationally designated poor county or deep-poverty township).")
        boolean povertyFocus,
        @Ignore String parentCode,
        @Ignore String path) {

    static final String COLUMNS = "code, name, level, poverty_focus, parent_code, path";

    static Region from(Row row) {
        return new Region(row.getString("code"), row.getString("name"), RegionLevel.valueOf(row.getString("level")),
                row.getBoolean("poverty_focus"), row.getString("parent_code"), row.getString("path"));
    }
}
