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
import io.smallrye.mutiny.Uni;

/** Hosts: registration, lookups and the paged list. */
@GraphQLApi
@MaskUnexpectedErrors
public class StreamerGraphQLApi {

    private final StreamerService service;
    private final StreamerRepository streamers;
    private final RegionRepository regions;

    public StreamerGraphQLApi(StreamerService service, StreamerRepository streamers, RegionRepository regions) {
        this.service = service;
        this.streamers = streamers;
        this.regions = regions;
    }

    @Query
    public Uni<Streamer> streamer(@Id @NonNull String id) {
        return Ids.parse(id).map(streamers::find).orElse(Uni.createFrom().nullItem());
    }

    @Query
    @NonNull
    public Uni<StreamerConnection> streamers(@Id String regionCode, Integer first, String after) {
        return streamers.page(regionCode, PageRequest.of(first, StreamerRepository.CURSOR, after));
    }

    @Mutation
    @NonNull
    public Uni<Streamer> registerStreamer(@NonNull StreamerInput input) {
        return service.register(input);
    }

    @NonNull
    public Uni<List<@NonNull Region>> homeRegion(@Source List<Streamer> list) {
        return regions.findAll(list.stream().map(Streamer::homeRegionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.homeRegionCode())).toList());
    }
}
