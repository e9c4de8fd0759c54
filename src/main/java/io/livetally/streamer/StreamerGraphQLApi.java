package io.livetally.streamer;

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
import io.livetally.security.Caller;
import io.livetally.security.Role;
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
    public Uni<Streamer> streamer(@Id @NonNull String id) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        return Ids.lookUp(id, streamers::find,
                streamer -> access.streamers(caller, List.of(streamer.id()), List.of(streamer.homeRegionCode())));
    }

    @Query
    @NonNull
    public Uni<StreamerConnection> streamers(@Id String regionCode, Integer first, String after) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        PageRequest page = PageRequest.of(first, StreamerRepository.CURSOR, after, context);
        if (caller.host() && !caller.admin()) {
            // A host's list holds only itself.
            return streamers.page(regionCode, caller.streamerId(), page);
        }
        return access.regionScope(caller, regionCode).chain(code -> streamers.page(code, null, page));
    }

    @Mutation
    @NonNull
    public Uni<Streamer> registerStreamer(@NonNull StreamerInput input) {
        access.require();
        return service.register(input);
    }

    @NonNull
    public Uni<List<@NonNull Region>> homeRegion(@Source List<Streamer> list) {
        access.regionTree();
        return regions.findAll(list.stream().map(Streamer::homeRegionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.homeRegionCode())).toList());
    }
}
