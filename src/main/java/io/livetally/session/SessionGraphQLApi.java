package io.livetally.session;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

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
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
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
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<LiveSession> session(@Id @NonNull String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> sessions.find(scope, key));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull LiveSession>> liveSessions(@Id String regionCode) {
        Scope scope = access.scope();
        return access.arguments(scope, Visibility.SESSIONS, regionCode, null)
                .chain(() -> sessions.live(scope, regionCode));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, HOST})
    public Uni<LiveSession> scheduleSession(@NonNull SessionInput input) {
        return access.arguments(access.scope(), Visibility.SESSIONS, null, Ids.parse(input.streamerId()).orElse(-1L))
                .chain(() -> service.schedule(input));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, HOST})
    public Uni<LiveSession> startSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.start(id)).call(session -> listeners.started(session.id()));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, HOST})
    public Uni<LiveSession> endSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.end(id)).call(session -> listeners.ended(session.id()));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, HOST})
    public Uni<LiveSession> cancelSession(@Id @NonNull String id) {
        return own(id).chain(() -> service.cancel(id));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Streamer>> streamer(@Source List<LiveSession> list) {
        // A session's host is part of the session, which its parent field has already authorized.
        return streamers.findAll(list.stream().map(LiveSession::streamerId).toList())
                .map(byId -> list.stream().map(s -> byId.get(s.streamerId())).toList());
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Region>> region(@Source List<LiveSession> list) {
        return regions.findAll(list.stream().map(LiveSession::regionCode).toList())
                .map(byCode -> list.stream().map(s -> byCode.get(s.regionCode())).toList());
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull List<@NonNull Product>>> products(@Source List<LiveSession> list) {
        return sessions.productsOf(access.scope(), list.stream().map(LiveSession::id).toList())
                .map(byId -> list.stream().map(s -> byId.get(s.id())).toList());
    }

    @Name("sessions")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<LiveSessionConnection> streamerSessions(@Source Streamer streamer, SessionStatus status,
            Integer first, String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, SessionRepository.CURSOR, after, context);
        return access.arguments(scope, Visibility.SESSIONS, null, streamer.id())
                .chain(() -> sessions.ofStreamer(scope, streamer.id(), status, page));
    }

    /** Lifecycle steps: admins, or the session's own host; an unknown id stays not-found. */
    private Uni<Void> own(String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> sessions.find(scope, key)).replaceWithVoid();
    }
}
