package io.livetally.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Keyset;
import io.livetally.common.PageRequest;
import io.livetally.common.Rows;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads suppliers and products with plain SQL (one query per batch of parents). */
@ApplicationScoped
public class CatalogRepository {

    static final String PRODUCT_CURSOR = "product";
    private static final Keyset<Product> PRODUCTS = Keyset.byId(PRODUCT_CURSOR, "product", Product.COLUMNS,
            Product::from, Product::id);

    /** Catalogue rows by region: an official's subtree; hosts read the whole catalogue. */
    public static final ScopeColumns SUPPLIER_SCOPE = new ScopeColumns(Visibility.CATALOGUE, "supplier", "region_code",
            null);
    public static final ScopeColumns PRODUCT_SCOPE = new ScopeColumns(Visibility.CATALOGUE, "product",
            "origin_region_code", null);

    private final Pool pool;

    public CatalogRepository(Pool pool) {
        this.pool = pool;
    }

    /** The supplier (null when there is none); {@code forbidden} when it lies outside the scope. */
    public Uni<Supplier> supplier(Scope scope, long id) {
        return SUPPLIER_SCOPE.find(pool, Supplier.COLUMNS, id, Supplier::from, scope);
    }

    /** The suppliers by id; {@code forbidden} when any lies outside the scope. */
    public Uni<Map<Long, Supplier>> suppliers(Scope scope, Collection<Long> ids) {
        return SUPPLIER_SCOPE.find(pool, Supplier.COLUMNS, ids, Supplier::from, scope)
                .map(list -> Rows.byKey(list, Supplier::id));
    }

    /** The product (null when there is none); {@code forbidden} when it lies outside the scope. */
    public Uni<Product> product(Scope scope, long id) {
        return PRODUCT_SCOPE.find(pool, Product.COLUMNS, id, Product::from, scope);
    }

    /** The products by id; {@code forbidden} when any lies outside the scope. */
    public Uni<Map<Long, Product>> products(Scope scope, Collection<Long> ids) {
        return PRODUCT_SCOPE.find(pool, Product.COLUMNS, ids, Product::from, scope)
                .map(list -> Rows.byKey(list, Product::id));
    }

    public Uni<Map<Long, Product>> products(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM product WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Product::from, Product::id));
    }

    /** Each supplier's products the scope sees, by id. */
    public Uni<Map<Long, List<Product>>> productsOfSuppliers(Scope scope, Collection<Long> supplierIds) {
        SqlWhere where = PRODUCT_SCOPE.narrow(new SqlWhere()
                .when(Rows.ids(supplierIds), n -> "supplier_id = ANY($" + n + ")"), scope);
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM product" + where.sql() + " ORDER BY id")
                .execute(where.tuple())
                .map(rows -> Rows.groupBy(rows, supplierIds, Product::from, Product::supplierId));
    }

    /** The products the scope sees whose origin lies in regionCode's subtree (any when null), by id. */
    public Uni<ProductConnection> products(Scope scope, String regionCode, String category, Boolean listed,
            PageRequest page) {
        SqlWhere filter = PRODUCT_SCOPE.narrow(new SqlWhere()
                .when(regionCode, n -> RegionRepository.inSubtree("origin_region_code", n))
                .equal("category", category)
                .equal("listed", listed), scope);
        return PRODUCTS.page(pool, filter, page, ProductEdge::new, ProductConnection::new);
    }
}
