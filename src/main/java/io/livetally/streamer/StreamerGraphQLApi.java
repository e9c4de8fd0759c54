package io.livetally.streamer;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.util.List;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.Ids;
import io.livetally.common.PageRequest;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Hosts: registration, lookups and the paged list. */
@GraphQLApi
@MaskUnexpectedErrors
public class StreamerGraphQLApi {

    private final StreamerService service;
    private final StreamerRepository streamers;
    private final RegionRepository regions;
    private final Access access;
    /** SmallRye's view of the field being resolved: what the client selected under it. */
    private final Context context;

    public StreamerGraphQLApi(StreamerService service, StreamerRepository streamers, RegionRepository regions,
            Access access, Context context) {
        this.context = context;
        this.service = service;
        this.streamers = streamers;
        this.regions = regions;
        this.access = access;
    }

    @Query
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<Streamer> streamer(@Id @NonNull String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> streamers.find(scope, key));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<StreamerConnection> streamers(@Id String regionCode, Integer first, String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, StreamerRepository.CURSOR, after, context);
        return access.arguments(scope, Visibility.STREAMERS, regionCode, null)
                .chain(() -> streamers.page(scope, regionCode, page));
    }

    @Mutation
    @NonNull
    @Allowed(ADMIN)
    public Uni<Streamer> registerStreamer(@NonNull StreamerInput input) {
        return service.register(input);
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Region>> homeRegion(@Source List<Streamer> list) {
        return regions.findAll(list.stream().map(Streamer::homeRegionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.homeRegionCode())).toList());
    }
}
