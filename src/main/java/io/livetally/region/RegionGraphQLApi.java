package io.livetally.region;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.util.List;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Allowed;
import io.smallrye.mutiny.Uni;

/** The region tree: lookups and parent/children navigation, resolved in batches. */
@GraphQLApi
@MaskUnexpectedErrors
public class RegionGraphQLApi {

    private final RegionRepository regions;

    public RegionGraphQLApi(RegionRepository regions) {
        this.regions = regions;
    }

    @Query
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<Region> region(@Id @NonNull String code) {
        return regions.find(code);
    }

    @Query
    @Allowed({ADMIN, OFFICIAL, HOST})
    @NonNull
    public Uni<List<@NonNull Region>> regions(@Id String parentCode, RegionLevel level) {
        return regions.list(parentCode, level);
    }

    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<Region>> parent(@Source List<Region> children) {
        // The municipality has no parent; an empty look-up result is an immutable map that refuses null keys.
        return regions.findAll(children.stream().map(Region::parentCode).toList())
                .map(byCode -> children.stream()
                        .map(child -> child.parentCode() == null ? null : byCode.get(child.parentCode())).toList());
    }

    @Allowed({ADMIN, OFFICIAL, HOST})
    @NonNull
    public Uni<List<@NonNull List<@NonNull Region>>> children(@Source List<Region> parents) {
        return regions.childrenOf(parents.stream().map(Region::code).distinct().toList())
                .map(byParent -> parents.stream().map(parent -> byParent.get(parent.code())).toList());
    }
}
