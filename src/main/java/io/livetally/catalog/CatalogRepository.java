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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads suppliers and products with plain SQL (one query per batch of parents). */
@ApplicationScoped
public class CatalogRepository {

    static final String PRODUCT_CURSOR = "product";
    private static final Keyset<Product> PRODUCTS = Keyset.byId(PRODUCT_CURSOR, "product", Product.COLUMNS,
            Product::from, Product::id);

    private final Pool pool;

    public CatalogRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Supplier> supplier(long id) {
        return pool.preparedQuery("SELECT " + Supplier.COLUMNS + " FROM supplier WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, Supplier::from));
    }

    public Uni<Map<Long, Supplier>> suppliers(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Supplier.COLUMNS + " FROM supplier WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Supplier::from, Supplier::id));
    }

    public Uni<Product> product(long id) {
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM product WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, Product::from));
    }

    public Uni<Map<Long, Product>> products(Collection<Long> ids) {
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM product WHERE id = ANY($1)")
                .execute(Tuple.of(Rows.ids(ids))).map(rows -> Rows.byKey(rows, Product::from, Product::id));
    }

    public Uni<Map<Long, List<Product>>> productsOfSuppliers(Collection<Long> supplierIds) {
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM product WHERE supplier_id = ANY($1) ORDER BY id")
                .execute(Tuple.of(Rows.ids(supplierIds)))
                .map(rows -> Rows.groupBy(rows, supplierIds, Product::from, Product::supplierId));
    }

    public Uni<ProductConnection> products(String regionCode, String category, Boolean listed, PageRequest page) {
        SqlWhere filter = new SqlWhere()
                .when(regionCode, n -> RegionRepository.inSubtree("origin_region_code", n))
                .equal("category", category)
                .equal("listed", listed);
        return PRODUCTS.page(pool, filter, page, ProductEdge::new, ProductConnection::new);
    }
}
