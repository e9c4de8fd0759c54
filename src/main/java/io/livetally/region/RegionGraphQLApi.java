package io.livetally.region;

import java.util.List;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.smallrye.mutiny.Uni;

/** The region tree: lookups and parent/children navigation, resolved in batches. */
@GraphQLApi
@MaskUnexpectedErrors
public class RegionGraphQLApi {

    private final RegionRepository regions;
    private final Access access;

    public RegionGraphQLApi(RegionRepository regions, Access access) {
        this.regions = regions;
        this.access = access;
    }

    @Query
    public Uni<Region> region(@Id @NonNull String code) {
        access.regionTree();
        return regions.find(code);
    }

    @Query
    @NonNull
    public Uni<List<@NonNull Region>> regions(@Id String parentCode, RegionLevel level) {
        access.regionTree();
        return regions.list(parentCode, level);
    }

    public Uni<List<Region>> parent(@Source List<Region> children) {
        access.regionTree();
        // The municipality has no parent; an empty look-up result is an immutable map that refuses null keys.
        return regions.findAll(children.stream().map(Region::parentCode).toList())
                .map(byCode -> children.stream()
                        .map(child -> child.parentCode() == null ? null : byCode.get(child.parentCode())).toList());
    }

    @NonNull
    public Uni<List<@NonNull List<@NonNull Region>>> children(@Source List<Region> parents) {
        access.regionTree();
        return regions.childrenOf(parents.stream().map(Region::code).distinct().toList())
                .map(byParent -> parents.stream().map(parent -> byParent.get(parent.code())).toList());
    }
}
