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
import io.livetally.security.Access;
import io.livetally.security.Caller;
import io.livetally.security.Role;
import io.smallrye.mutiny.Multi;
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
    public Uni<Supplier> supplier(@Id @NonNull String id) {
        Caller caller = access.caller();
        return Ids.lookUp(id, catalog::supplier, supplier -> access.catalogue(caller, List.of(supplier.regionCode())));
    }

    @Query
    public Uni<Product> product(@Id @NonNull String id) {
        Caller caller = access.caller();
        return Ids.lookUp(id, catalog::product,
                product -> access.catalogue(caller, List.of(product.originRegionCode())));
    }

    @Query
    @NonNull
    @Description("Products whose origin lies in regionCode's subtree, by id; 20 a page by default, at most 100.")
    public Uni<ProductConnection> products(@Id String regionCode, String category, Boolean listed, Integer first,
            String after) {
        Caller caller = access.caller();
        PageRequest page = PageRequest.of(first, CatalogRepository.PRODUCT_CURSOR, after, context);
        // Hosts read the whole catalogue; an official's list is narrowed to their subtree before the SQL.
        Uni<String> region = caller.host() && !caller.admin() ? Uni.createFrom().item(regionCode)
                : access.regionScope(caller, regionCode);
        return region.chain(code -> catalog.products(code, category, listed, page));
    }

    @Mutation
    @NonNull
    public Uni<Supplier> registerSupplier(@NonNull SupplierInput input) {
        access.require();
        return service.registerSupplier(input);
    }

    @Mutation
    @NonNull
    public Uni<Supplier> certifySupplier(@Id @NonNull String id) {
        return supplierInScope(id).chain(() -> service.certifySupplier(id));
    }

    @Mutation
    @NonNull
    public Uni<Supplier> blacklistSupplier(@Id @NonNull String id, @NonNull String reason) {
        return supplierInScope(id).chain(() -> service.blacklistSupplier(id, reason));
    }

    @Mutation
    @NonNull
    public Uni<Product> registerProduct(@NonNull ProductInput input) {
        Caller caller = access.require(Role.OFFICIAL);
        if (caller.admin()) {
            return service.registerProduct(input);
        }
        // An official registers products of their subtree, from suppliers of their subtree.
        return Ids.lookUp(input.supplierId(), catalog::supplier)
                .chain(found -> access.regions(caller, found == null ? List.of(input.originRegionCode())
                        : List.of(input.originRegionCode(), found.regionCode())))
                .chain(() -> service.registerProduct(input));
    }

    @Mutation
    @NonNull
    public Uni<Product> delistProduct(@Id @NonNull String id, @NonNull String reason) {
        Caller caller = access.require(Role.OFFICIAL);
        return Ids.lookUp(id, catalog::product, product -> access.regions(caller, List.of(product.originRegionCode())))
                .chain(() -> service.delistProduct(id, reason));
    }

    @NonNull
    public Uni<List<@NonNull Region>> region(@Source List<Supplier> suppliers) {
        access.regionTree();
        return regions.findAll(suppliers.stream().map(Supplier::regionCode).toList())
                .map(byCode -> suppliers.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @Name("products")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Product>>> supplierProducts(@Source List<Supplier> suppliers) {
        Caller caller = access.caller();
        return catalog.productsOfSuppliers(suppliers.stream().map(Supplier::id).toList())
                .chain(bySupplier -> Multi.createFrom().iterable(suppliers)
                        .onItem().transformToUniAndConcatenate(s -> access.visibleCatalogue(caller,
                                bySupplier.get(s.id()), Product::originRegionCode))
                        .collect().asList());
    }

    @NonNull
    public Uni<List<@NonNull Region>> originRegion(@Source List<Product> products) {
        access.regionTree();
        return regions.findAll(products.stream().map(Product::originRegionCode).toList())
                .map(byCode -> products.stream().map(p -> byCode.get(p.originRegionCode())).toList());
    }

    @Name("supplier")
    @NonNull
    public Uni<List<@NonNull Supplier>> productSupplier(@Source List<Product> products) {
        Caller caller = access.caller();
        return catalog.suppliers(products.stream().map(Product::supplierId).toList())
                .call(byId -> access.catalogue(caller, byId.values().stream().map(Supplier::regionCode).toList()))
                .map(byId -> products.stream().map(p -> byId.get(p.supplierId())).toList());
    }

    /** Suppliers an official certifies or blacklists lie in their subtree; an unknown id stays not-found. */
    private Uni<Void> supplierInScope(String id) {
        Caller caller = access.require(Role.OFFICIAL);
        return Ids.lookUp(id, catalog::supplier, supplier -> access.regions(caller, List.of(supplier.regionCode())))
                .replaceWithVoid();
    }
}
