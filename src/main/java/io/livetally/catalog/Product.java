package io.livetally.catalog;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.vertx.mutiny.sqlclient.Row;

/** A catalogue product as clients see it. */
@ReadWithParent
public record Product(
        @Id long id,
        @NonNull String name,
        @NonNull String category,
        @NonNull @Description("Certified poverty-alleviation product price (list price).") BigDecimal unitPrice,
        @Description("Fair reference price set by the certifying office; orders far above it raise price alerts.")
        BigDecimal referencePrice,
        @Description("False once delisted from the product catalogue; a delisted product takes no new orders.")
        boolean listed,
        String delistReason,
        @Ignore String originRegionCode,
        @Ignore long supplierId) {

    static final String COLUMNS = "id, name, category, unit_price, reference_price, listed, delist_reason,"
            + " origin_region_code, supplier_id";

    public static Product from(Row row) {
        return new Product(row.getLong("id"), row.getString("name"), row.getString("category"),
                row.getBigDecimal("unit_price"), row.getBigDecimal("reference_price"), row.getBoolean("listed"),
                row.getString("delist_reason"), row.getString("origin_region_code"), row.getLong("supplier_id"));
    }
}
