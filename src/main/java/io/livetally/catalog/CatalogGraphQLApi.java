package io.livetally.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.Ids;
import io.livetally.common.PageRequest;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.common.MaskUnexpectedErrors;
import io.smallrye.mutiny.Uni;

/** Suppliers and products: lookups, the paged catalogue, and the catalogue mutations. */
@GraphQLApi
@MaskUnexpectedErrors
public class CatalogGraphQLApi {

    private final CatalogService service;
    private final CatalogRepository catalog;
    private final RegionRepository regions;

    public CatalogGraphQLApi(CatalogService service, CatalogRepository catalog, RegionRepository regions) {
        this.service = service;
        this.catalog = catalog;
        this.regions = regions;
    }

    @Query
    public Uni<Supplier> supplier(@Id @NonNull String id) {
        return Ids.parse(id).map(catalog::supplier).orElse(Uni.createFrom().nullItem());
    }

    @Query
    public Uni<Product> product(@Id @NonNull String id) {
        return Ids.parse(id).map(catalog::product).orElse(Uni.createFrom().nullItem());
    }

    @Query
    @NonNull
    @Description("Products whose origin lies in regionCode's subtree, by id; 20 a page by default, at most 100.")
    public Uni<ProductConnection> products(@Id String regionCode, String category, Boolean listed, Integer first,
            String after) {
        return catalog.products(regionCode, category, listed,
                PageRequest.of(first, CatalogRepository.PRODUCT_CURSOR, after));
    }

    @Mutation
    @NonNull
    public Uni<Supplier> registerSupplier(@NonNull SupplierInput input) {
        return service.registerSupplier(input);
    }

    @Mutation
    @NonNull
    public Uni<Supplier> certifySupplier(@Id @NonNull String id) {
        return service.certifySupplier(id);
    }

    @Mutation
    @NonNull
    public Uni<Supplier> blacklistSupplier(@Id @NonNull String id, @NonNull String reason) {
        return service.blacklistSupplier(id, reason);
    }

    @Mutation
    @NonNull
    public Uni<Product> registerProduct(@NonNull ProductInput input) {
        return service.registerProduct(input);
    }

    @Mutation
    @NonNull
    public Uni<Product> delistProduct(@Id @NonNull String id, @NonNull String reason) {
        return service.delistProduct(id, reason);
    }

    @NonNull
    public Uni<List<@NonNull Region>> region(@Source List<Supplier> suppliers) {
        return regions.findAll(suppliers.stream().map(Supplier::regionCode).toList())
                .map(byCode -> suppliers.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @Name("products")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Product>>> supplierProducts(@Source List<Supplier> suppliers) {
        return catalog.productsOfSuppliers(suppliers.stream().map(Supplier::id).toList())
                .map(bySupplier -> suppliers.stream().map(s -> bySupplier.get(s.id())).toList());
    }

    @NonNull
    public Uni<List<@NonNull Region>> originRegion(@Source List<Product> products) {
        return regions.findAll(products.stream().map(Product::originRegionCode).toList())
                .map(byCode -> products.stream().map(p -> byCode.get(p.originRegionCode())).toList());
    }

    @Name("supplier")
    @NonNull
    public Uni<List<@NonNull Supplier>> productSupplier(@Source List<Product> products) {
        return catalog.suppliers(products.stream().map(Product::supplierId).toList())
                .map(byId -> products.stream().map(p -> byId.get(p.supplierId())).toList());
    }
}
