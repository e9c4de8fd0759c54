package io.livetally.session;

import java.util.List;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.catalog.Product;
import io.livetally.common.Ids;
import io.livetally.common.PageRequest;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.streamer.Streamer;
import io.livetally.streamer.StreamerRepository;
import io.livetally.common.MaskUnexpectedErrors;
import io.smallrye.mutiny.Uni;

/** Live sessions: lookups, the lifecycle mutations, and a session's host, region and products. */
@GraphQLApi
@MaskUnexpectedErrors
public class SessionGraphQLApi {

    private final SessionService service;
    private final SessionRepository sessions;
    private final StreamerRepository streamers;
    private final RegionRepository regions;
    private final SessionLifecycleListener listeners;

    public SessionGraphQLApi(SessionService service, SessionRepository sessions, StreamerRepository streamers,
            RegionRepository regions, SessionLifecycleListener listeners) {
        this.listeners = listeners;
        this.service = service;
        this.sessions = sessions;
        this.streamers = streamers;
        this.regions = regions;
    }

    @Query
    public Uni<LiveSession> session(@Id @NonNull String id) {
        return Ids.parse(id).map(sessions::find).orElse(Uni.createFrom().nullItem());
    }

    @Query
    @NonNull
    public Uni<List<@NonNull LiveSession>> liveSessions(@Id String regionCode) {
        return sessions.live(regionCode);
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> scheduleSession(@NonNull SessionInput input) {
        return service.schedule(input);
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> startSession(@Id @NonNull String id) {
        return service.start(id).call(session -> listeners.started(session.id()));
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> endSession(@Id @NonNull String id) {
        return service.end(id).call(session -> listeners.ended(session.id()));
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> cancelSession(@Id @NonNull String id) {
        return service.cancel(id);
    }

    @NonNull
    public Uni<List<@NonNull Streamer>> streamer(@Source List<LiveSession> list) {
        return streamers.findAll(list.stream().map(LiveSession::streamerId).toList())
                .map(byId -> list.stream().map(s -> byId.get(s.streamerId())).toList());
    }

    @NonNull
    public Uni<List<@NonNull Region>> region(@Source List<LiveSession> list) {
        return regions.findAll(list.stream().map(LiveSession::regionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @NonNull
    public Uni<List<@NonNull List<@NonNull Product>>> products(@Source List<LiveSession> list) {
        return sessions.productsOf(list.stream().map(LiveSession::id).toList())
                .map(byId -> list.stream().map(s -> byId.get(s.id())).toList());
    }

    @Name("sessions")
    @NonNull
    public Uni<LiveSessionConnection> streamerSessions(@Source Streamer streamer, SessionStatus status,
            Integer first, String after) {
        return sessions.ofStreamer(streamer.id(), status, PageRequest.of(first, SessionRepository.CURSOR, after));
    }
}
