package io.livetally.catalog;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A supplier to register. */
@Input("SupplierInput")
public record SupplierInput(@NonNull String name, @Id @NonNull String regionCode, int householdsBenefited) {
}
