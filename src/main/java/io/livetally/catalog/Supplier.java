package io.livetally.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.vertx.mutiny.sqlclient.Row;

/** A supplier as clients see it. */
@ReadWithParent
public record Supplier(
        @Id long id,
        @NonNull String name,
        boolean certified,
        @Description("On the poverty-alleviation dishonesty blacklist: its products can take no new orders.")
        boolean blacklisted,
        String blacklistReason,
        int householdsBenefited,
        @Ignore String regionCode) {

    static final String COLUMNS = "id, name, certified, blacklisted, blacklist_reason, households_benefited, region_code";

    static Supplier from(Row row) {
        return new Supplier(row.getLong("id"), row.getString("name"), row.getBoolean("certified"),
                row.getBoolean("blacklisted"), row.getString("blacklist_reason"),
                row.getInteger("households_benefited"), row.getString("region_code"));
    }
}
