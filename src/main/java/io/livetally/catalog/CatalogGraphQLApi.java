package io.livetally.catalog;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

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
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.common.PageRequest;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Suppliers and products: lookups, the paged catalogue, and the catalogue mutations. */
@GraphQLApi
@MaskUnexpectedErrors
public class CatalogGraphQLApi {

    private final CatalogService service;
    private final CatalogRepository catalog;
    private final RegionRepository regions;
    private final Access access;
    /** SmallRye's view of the field being resolved: what the client selected under it. */
    private final Context context;

    public CatalogGraphQLApi(CatalogService service, CatalogRepository catalog, RegionRepository regions,
            Access access, Context context) {
        this.context = context;
        this.service = service;
        this.catalog = catalog;
        this.regions = regions;
        this.access = access;
    }

    @Query
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<Supplier> supplier(@Id @NonNull String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> catalog.supplier(scope, key));
    }

    @Query
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<Product> product(@Id @NonNull String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> catalog.product(scope, key));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Products whose origin lies in regionCode's subtree, by id; 20 a page by default, at most 100.")
    public Uni<ProductConnection> products(@Id String regionCode, String category, Boolean listed, Integer first,
            String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, CatalogRepository.PRODUCT_CURSOR, after, context);
        return access.arguments(scope, Visibility.CATALOGUE, regionCode, null)
                .chain(() -> catalog.products(scope, regionCode, category, listed, page));
    }

    @Mutation
    @NonNull
    @Allowed(ADMIN)
    public Uni<Supplier> registerSupplier(@NonNull SupplierInput input) {
        return service.registerSupplier(input);
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Supplier> certifySupplier(@Id @NonNull String id) {
        return supplierInScope(id).chain(() -> service.certifySupplier(id));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Supplier> blacklistSupplier(@Id @NonNull String id, @NonNull String reason) {
        return supplierInScope(id).chain(() -> service.blacklistSupplier(id, reason));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Product> registerProduct(@NonNull ProductInput input) {
        Scope scope = access.scope();
        // An official registers products of their subtree, from suppliers of their subtree.
        return Ids.lookUp(input.supplierId(), key -> catalog.supplier(Scope.ALL, key))
                .chain(found -> access.regions(scope, Visibility.REGIONAL, found == null
                        ? List.of(input.originRegionCode()) : List.of(input.originRegionCode(), found.regionCode())))
                .chain(() -> service.registerProduct(input));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Product> delistProduct(@Id @NonNull String id, @NonNull String reason) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> catalog.product(Scope.ALL, key), product -> access.regions(scope,
                        Visibility.REGIONAL, List.of(product.originRegionCode())))
                .chain(() -> service.delistProduct(id, reason));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Region>> region(@Source List<Supplier> suppliers) {
        return regions.findAll(suppliers.stream().map(Supplier::regionCode).toList())
                .map(byCode -> suppliers.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @Name("products")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull List<@NonNull Product>>> supplierProducts(@Source List<Supplier> suppliers) {
        return catalog.productsOfSuppliers(access.scope(), suppliers.stream().map(Supplier::id).toList())
                .map(bySupplier -> suppliers.stream().map(s -> bySupplier.get(s.id())).toList());
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Region>> originRegion(@Source List<Product> products) {
        return regions.findAll(products.stream().map(Product::originRegionCode).toList())
                .map(byCode -> products.stream().map(p -> byCode.get(p.originRegionCode())).toList());
    }

    @Name("supplier")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Supplier>> productSupplier(@Source List<Product> products) {
        return catalog.suppliers(access.scope(), products.stream().map(Product::supplierId).toList())
                .map(byId -> products.stream().map(p -> byId.get(p.supplierId())).toList());
    }

    /** Suppliers an official certifies or blacklists lie in their subtree; an unknown id stays not-found. */
    private Uni<Void> supplierInScope(String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> catalog.supplier(Scope.ALL, key),
                supplier -> access.regions(scope, Visibility.REGIONAL, List.of(supplier.regionCode()))).replaceWithVoid();
    }
}
