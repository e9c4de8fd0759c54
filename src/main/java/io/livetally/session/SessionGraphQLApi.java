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
import io.livetally.security.Access;
import io.livetally.security.Caller;
import io.livetally.security.Role;
import io.smallrye.mutiny.Multi;
import io.smallrye.graphql.api.Context;
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
    private final Access access;
    /** SmallRye's view of the field being resolved: what the client selected under it. */
    private final Context context;

    public SessionGraphQLApi(SessionService service, SessionRepository sessions, StreamerRepository streamers,
            RegionRepository regions, SessionLifecycleListener listeners, Access access, Context context) {
        this.context = context;
        this.access = access;
        this.listeners = listeners;
        this.service = service;
        this.sessions = sessions;
        this.streamers = streamers;
        this.regions = regions;
    }

    @Query
    public Uni<LiveSession> session(@Id @NonNull String id) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        return Ids.lookUp(id, sessions::find,
                session -> access.sessions(caller, List.of(session.streamerId()), List.of(session.regionCode())));
    }

    @Query
    @NonNull
    public Uni<List<@NonNull LiveSession>> liveSessions(@Id String regionCode) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        if (caller.host() && !caller.admin()) {
            return sessions.live(regionCode, caller.streamerId());
        }
        return access.regionScope(caller, regionCode).chain(code -> sessions.live(code, null));
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> scheduleSession(@NonNull SessionInput input) {
        access.hostOf(Ids.parse(input.streamerId()).orElse(-1L));
        return service.schedule(input);
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> startSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.start(id)).call(session -> listeners.started(session.id()));
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> endSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.end(id)).call(session -> listeners.ended(session.id()));
    }

    @Mutation
    @NonNull
    public Uni<LiveSession> cancelSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.cancel(id));
    }

    @NonNull
    public Uni<List<@NonNull Streamer>> streamer(@Source List<LiveSession> list) {
        // A session's host is part of the session, which its parent field has already authorized.
        access.require(Role.OFFICIAL, Role.HOST);
        return streamers.findAll(list.stream().map(LiveSession::streamerId).toList())
                .map(byId -> list.stream().map(s -> byId.get(s.streamerId())).toList());
    }

    @NonNull
    public Uni<List<@NonNull Region>> region(@Source List<LiveSession> list) {
        access.regionTree();
        return regions.findAll(list.stream().map(LiveSession::regionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @NonNull
    public Uni<List<@NonNull List<@NonNull Product>>> products(@Source List<LiveSession> list) {
        Caller caller = access.caller();
        return sessions.productsOf(list.stream().map(LiveSession::id).toList())
                .chain(byId -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(s -> access.visibleCatalogue(caller, byId.get(s.id()),
                                Product::originRegionCode))
                        .collect().asList());
    }

    @Name("sessions")
    @NonNull
    public Uni<LiveSessionConnection> streamerSessions(@Source Streamer streamer, SessionStatus status,
            Integer first, String after) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        PageRequest page = PageRequest.of(first, SessionRepository.CURSOR, after, context);
        if (caller.host() && !caller.admin()) {
            access.hostOf(caller, streamer.id());
            return sessions.ofStreamer(streamer.id(), status, null, page);
        }
        // An official's list holds the host's sessions promoting their subtree.
        return access.regionScope(caller, null).chain(code -> sessions.ofStreamer(streamer.id(), status, code, page));
    }

    /** Lifecycle steps: admins, or the session's own host; an unknown id stays not-found. */
    private Uni<Void> own(String id) {
        Caller caller = access.require(Role.HOST);
        return Ids.lookUp(id, sessions::find).onItem().ifNotNull()
                .invoke(session -> access.hostOf(caller, session.streamerId())).replaceWithVoid();
    }
}
