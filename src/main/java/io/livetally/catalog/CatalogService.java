package io.livetally.catalog;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.NotFoundException;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Catalogue use cases: registering, certifying and blacklisting suppliers; listing and delisting products. */
@ApplicationScoped
public class CatalogService {

    static final int MAX_HOUSEHOLDS = 10_000_000;

    private final RegionRepository regions;

    public CatalogService(RegionRepository regions) {
        this.regions = regions;
    }

    @WithTransaction
    public Uni<Supplier> registerSupplier(SupplierInput input) {
        SupplierEntity supplier = new SupplierEntity();
        supplier.name = Texts.required("name", input.name(), 200);
        if (input.householdsBenefited() < 0 || input.householdsBenefited() > MAX_HOUSEHOLDS) {
            throw new InvalidInputException("householdsBenefited must be between 0 and " + MAX_HOUSEHOLDS);
        }
        supplier.householdsBenefited = input.householdsBenefited();
        return regions.require("regionCode", input.regionCode())
                .chain(region -> {
                    supplier.regionCode = region.code();
                    return supplier.<SupplierEntity>persist();
                })
                .map(SupplierEntity::view);
    }

    @WithTransaction
    public Uni<Supplier> certifySupplier(String id) {
        return supplier(id).map(supplier -> {
            supplier.certified = true;
            return supplier.view();
        });
    }

    @WithTransaction
    public Uni<Supplier> blacklistSupplier(String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        return supplier(id).map(supplier -> {
            supplier.blacklisted = true;
            supplier.blacklistReason = why;
            return supplier.view();
        });
    }

    @WithTransaction
    public Uni<Product> registerProduct(ProductInput input) {
        ProductEntity product = new ProductEntity();
        product.name = Texts.required("name", input.name(), 200);
        product.category = Texts.required("category", input.category(), 100);
        product.unitPrice = Money.price("unitPrice", input.unitPrice());
        BigDecimal reference = input.referencePrice();
        product.referencePrice = reference == null ? null : Money.price("referencePrice", reference);
        product.listed = true;
        return regions.require("originRegionCode", input.originRegionCode())
                .chain(region -> {
                    product.originRegionCode = region.code();
                    return supplier(input.supplierId());
                })
                .chain(supplier -> {
                    if (supplier.blacklisted) {
                        throw new SupplierBlacklistedException(supplier.id);
                    }
                    product.supplierId = supplier.id;
                    return product.<ProductEntity>persist();
                })
                .map(ProductEntity::view);
    }

    @WithTransaction
    public Uni<Product> delistProduct(String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        long productId = Ids.require("product", id);
        return ProductEntity.<ProductEntity>findById(productId)
                .onItem().ifNull().failWith(() -> new NotFoundException("product", id))
                .map(product -> {
                    product.listed = false;
                    product.delistReason = why;
                    return product.view();
                });
    }

    private static Uni<SupplierEntity> supplier(String id) {
        long supplierId = Ids.require("supplier", id);
        return SupplierEntity.<SupplierEntity>findById(supplierId)
                .onItem().ifNull().failWith(() -> new NotFoundException("supplier", id));
    }
}
