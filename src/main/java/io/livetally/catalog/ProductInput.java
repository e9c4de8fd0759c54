package io.livetally.catalog;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A product to put in the catalogue. */
@Input("ProductInput")
public record ProductInput(
        @NonNull String name,
        @NonNull String category,
        @Id @NonNull String originRegionCode,
        @Id @NonNull String supplierId,
        @NonNull BigDecimal unitPrice,
        BigDecimal referencePrice) {
}
