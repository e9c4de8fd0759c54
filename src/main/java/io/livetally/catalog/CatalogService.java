package io.livetally.catalog;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.NotFoundException;
import io.livetally.common.Rows;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Catalogue use cases: registering, certifying and blacklisting suppliers; listing and delisting products. Each
 * runs its checks (the caller's scope included, on the rows it changes) and its writes in one transaction on one
 * connection.
 */
@ApplicationScoped
public class CatalogService {

    static final int MAX_HOUSEHOLDS = 10_000_000;
    /** Catalogue changes by region: an official's subtree, never a host. */
    private static final ScopeColumns SUPPLIERS = new ScopeColumns(Visibility.REGIONAL, "supplier", "region_code", null);
    private static final ScopeColumns PRODUCTS = new ScopeColumns(Visibility.REGIONAL, "product", "origin_region_code",
            null);

    private final Pool pool;
    private final RegionRepository regions;
    private final Access access;

    public CatalogService(Pool pool, RegionRepository regions, Access access) {
        this.pool = pool;
        this.regions = regions;
        this.access = access;
    }

    public Uni<Supplier> registerSupplier(SupplierInput input) {
        String name = Texts.required("name", input.name(), 200);
        if (input.householdsBenefited() < 0 || input.householdsBenefited() > MAX_HOUSEHOLDS) {
            throw new InvalidInputException("householdsBenefited must be between 0 and " + MAX_HOUSEHOLDS);
        }
        return pool.withTransaction(connection -> regions.require(connection, "regionCode", input.regionCode())
                .chain(region -> connection.preparedQuery("INSERT INTO supplier (name, region_code, households_benefited)"
                                + " VALUES ($1, $2, $3) RETURNING " + Supplier.COLUMNS)
                        .execute(Tuple.of(name, region.code(), input.householdsBenefited())))
                .map(rows -> Rows.first(rows, Supplier::from)));
    }

    public Uni<Supplier> certifySupplier(Scope scope, String id) {
        long supplierId = Ids.require("supplier", id);
        return pool.withTransaction(connection -> supplier(connection, scope, supplierId, id)
                .chain(supplier -> update(connection, "UPDATE supplier SET certified = true WHERE id = $1 RETURNING "
                        + Supplier.COLUMNS, Tuple.of(supplierId), Supplier::from)));
    }

    public Uni<Supplier> blacklistSupplier(Scope scope, String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        long supplierId = Ids.require("supplier", id);
        return pool.withTransaction(connection -> supplier(connection, scope, supplierId, id)
                .chain(supplier -> update(connection, "UPDATE supplier SET blacklisted = true, blacklist_reason = $2"
                                + " WHERE id = $1 RETURNING " + Supplier.COLUMNS,
                        Tuple.of(supplierId, why), Supplier::from)));
    }

    public Uni<Product> registerProduct(Scope scope, ProductInput input) {
        String name = Texts.required("name", input.name(), 200);
        String category = Texts.required("category", input.category(), 100);
        BigDecimal unitPrice = Money.price("unitPrice", input.unitPrice());
        BigDecimal reference = input.referencePrice() == null ? null
                : Money.price("referencePrice", input.referencePrice());
        return pool.withTransaction(connection -> regions.require(connection, "originRegionCode",
                        input.originRegionCode())
                // Shared-locked: a blacklisting racing this registration waits for it, then sees its product.
                .chain(origin -> connection.preparedQuery("SELECT " + Supplier.COLUMNS + " FROM supplier WHERE id = $1"
                                + " FOR SHARE").execute(Tuple.of(Ids.require("supplier", input.supplierId())))
                        .map(rows -> Rows.first(rows, Supplier::from))
                        .onItem().ifNull().failWith(() -> new NotFoundException("supplier", input.supplierId()))
                        // An official registers products of their subtree, from suppliers of their subtree.
                        .call(supplier -> access.regions(connection, scope, Visibility.REGIONAL,
                                List.of(origin.code(), supplier.regionCode())))
                        .chain(supplier -> {
                            if (supplier.blacklisted()) {
                                throw new SupplierBlacklistedException(supplier.id());
                            }
                            return update(connection, "INSERT INTO product (name, category, unit_price, reference_price,"
                                    + " listed, origin_region_code, supplier_id) VALUES ($1, $2, $3, $4, true, $5, $6)"
                                    + " RETURNING " + Product.COLUMNS, Tuple.from(Arrays.asList(name, category,
                                    unitPrice, reference, origin.code(), supplier.id())), Product::from);
                        })));
    }

    public Uni<Product> delistProduct(Scope scope, String id, String reason) {
        String why = Texts.required("reason", reason, 500);
        long productId = Ids.require("product", id);
        return pool.withTransaction(connection -> PRODUCTS.lock(connection, Product.COLUMNS, productId, Product::from,
                        scope)
                .onItem().ifNull().failWith(() -> new NotFoundException("product", id))
                .chain(product -> update(connection, "UPDATE product SET listed = false, delist_reason = $2"
                                + " WHERE id = $1 RETURNING " + Product.COLUMNS,
                        Tuple.of(productId, why), Product::from)));
    }

    /** The supplier, locked for the change; {@code not-found}, or {@code forbidden} outside the scope. */
    private static Uni<Supplier> supplier(SqlConnection connection, Scope scope, long supplierId, String id) {
        return SUPPLIERS.lock(connection, Supplier.COLUMNS, supplierId, Supplier::from, scope)
                .onItem().ifNull().failWith(() -> new NotFoundException("supplier", id));
    }

    private static <T> Uni<T> update(SqlConnection connection, String sql, Tuple parameters, Function<Row, T> mapper) {
        return connection.preparedQuery(sql).execute(parameters).map(rows -> Rows.first(rows, mapper));
    }
}
