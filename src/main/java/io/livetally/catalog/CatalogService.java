package io.livetally.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.NotFoundException;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.RegionPaths;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Catalogue use cases: registering, certifying and blacklisting suppliers; listing and delisting products. Each
 * runs in one Hibernate Reactive transaction: its checks (the region exists, the caller's scope on the rows it
 * changes, the supplier is not blacklisted) read through that transaction's session, never on another connection.
 */
@ApplicationScoped
public class CatalogService {

    static final int MAX_HOUSEHOLDS = 10_000_000;

    private final RegionRepository regions;
    private final Access access;

    public CatalogService(RegionRepository regions, Access access) {
        this.regions = regions;
        this.access = access;
    }

    @WithTransaction
    public Uni<Supplier> registerSupplier(SupplierInput input) {
        SupplierEntity supplier = new SupplierEntity();
        supplier.name = Texts.required("name", input.name(), 200);
        if (input.householdsBenefited() < 0 || input.householdsBenefited() > MAX_HOUSEHOLDS) {
            throw new InvalidInputException("householdsBenefited must be between 0 and " + MAX_HOUSEHOLDS);
        }
        supplier.householdsBenefited = input.householdsBenefited();
        return Panache.getSession().chain(session -> regions.require(session, "regionCode", input.regionCode()))
                .chain(region -> {
                    supplier.regionCode = region;
                    return supplier.<SupplierEntity>persist();
                })
                .map(SupplierEntity::view);
    }

    @WithTransaction
    public Uni<Supplier> certifySupplier(Scope scope, String id) {
        return supplier(scope, id).map(supplier -> {
            supplier.certified = true;
            return supplier.view();
        });
    }

    @WithTransaction
    public Uni<Supplier> blacklistSupplier(Scope scope, String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        return supplier(scope, id).map(supplier -> {
            supplier.blacklisted = true;
            supplier.blacklistReason = why;
            return supplier.view();
        });
    }

    @WithTransaction
    public Uni<Product> registerProduct(Scope scope, ProductInput input) {
        ProductEntity product = new ProductEntity();
        product.name = Texts.required("name", input.name(), 200);
        product.category = Texts.required("category", input.category(), 100);
        product.unitPrice = Money.price("unitPrice", input.unitPrice());
        BigDecimal reference = input.referencePrice();
        product.referencePrice = reference == null ? null : Money.price("referencePrice", reference);
        product.listed = true;
        return Panache.getSession().chain(session -> regions.require(session, "originRegionCode",
                        input.originRegionCode())
                // Shared-locked: a blacklisting racing this registration waits for it, then sees its product.
                .chain(origin -> SupplierEntity.<SupplierEntity>findById(Ids.require("supplier", input.supplierId()),
                                LockModeType.PESSIMISTIC_READ)
                        .onItem().ifNull().failWith(() -> new NotFoundException("supplier", input.supplierId()))
                        // An official registers products of their subtree, from suppliers of their subtree.
                        .call(supplier -> access.regions(RegionPaths.on(session), scope, Visibility.REGIONAL,
                                List.of(origin, supplier.regionCode)))
                        .chain(supplier -> {
                            if (supplier.blacklisted) {
                                throw new SupplierBlacklistedException(supplier.id);
                            }
                            product.originRegionCode = origin;
                            product.supplierId = supplier.id;
                            return product.<ProductEntity>persist();
                        })))
                .map(ProductEntity::view);
    }

    @WithTransaction
    public Uni<Product> delistProduct(Scope scope, String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        return locked(ProductEntity.class, "product", id, product -> product.originRegionCode, scope)
                .map(product -> {
                    product.listed = false;
                    product.delistReason = why;
                    return product.view();
                });
    }

    /** The supplier, locked for the change; {@code not-found}, or {@code forbidden} outside the scope. */
    private Uni<SupplierEntity> supplier(Scope scope, String id) {
        return locked(SupplierEntity.class, "supplier", id, supplier -> supplier.regionCode, scope);
    }

    /**
     * The row a write changes, read once on the transaction's session and locked until it ends: that read is also
     * the authorization read (its region checked against the caller's scope, paths read on the same session).
     */
    private <E> Uni<E> locked(Class<E> entity, String kind, String id, Function<E, String> region,
            Scope scope) {
        long key = Ids.require(kind, id);
        return Panache.getSession().chain(session -> session.find(entity, key, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFoundException(kind, id))
                .call(row -> access.regions(RegionPaths.on(session), scope, Visibility.REGIONAL,
                        List.of(region.apply(row)))));
    }
}
