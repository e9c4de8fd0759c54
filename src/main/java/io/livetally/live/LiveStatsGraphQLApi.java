package io.livetally.live;

import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.catalog.Product;
import io.livetally.common.Granularity;
import io.livetally.common.Ids;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.common.TimeBucket;
import io.livetally.security.Access;
import io.livetally.security.Caller;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Role;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.livetally.streamer.StreamerRepository;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** A session's live figures: stats, timeline, viewer events, and the liveStats subscription. */
@GraphQLApi
@MaskUnexpectedErrors
public class LiveStatsGraphQLApi {

    private final LiveStatsService stats;
    private final ViewerEventService viewerEvents;
    private final LiveStatsBroadcaster broadcaster;
    private final RecentProducts products;
    private final ZoneId zone;
    private final SessionRepository sessions;
    private final StreamerRepository streamers;
    private final Access access;

    public LiveStatsGraphQLApi(LiveStatsService stats, ViewerEventService viewerEvents,
            LiveStatsBroadcaster broadcaster, RecentProducts products,
            @ConfigProperty(name = "livetally.business-time-zone") ZoneId zone, SessionRepository sessions,
            StreamerRepository streamers, Access access) {
        this.sessions = sessions;
        this.streamers = streamers;
        this.access = access;
        this.stats = stats;
        this.viewerEvents = viewerEvents;
        this.broadcaster = broadcaster;
        this.products = products;
        this.zone = zone;
    }

    @NonNull
    @Description("Live counters; served from the cache while LIVE, frozen from the database once ENDED.")
    public Uni<LiveStats> stats(@Source LiveSession session) {
        return visible(session).chain(() -> stats.stats(session));
    }

    @NonNull
    public Uni<List<@NonNull TimeBucket>> timeline(@Source LiveSession session, @NonNull Granularity granularity) {
        return visible(session).chain(() -> stats.timeline(session, granularity, zone));
    }

    @Mutation
    @NonNull
    @Description("Up to 1000 JOIN / LEAVE / LIKE events of a LIVE session's viewers; answers the updated stats.")
    public Uni<LiveStats> recordViewerEvents(@Id @NonNull String sessionId,
            @NonNull List<@NonNull ViewerEventInput> events) {
        Caller caller = access.require(Role.PLATFORM);
        if (caller.admin()) {
            return viewerEvents.record(sessionId, events);
        }
        // A platform reports the viewers of sessions streamed on it; an unknown session stays not-found.
        return Ids.lookUp(sessionId, sessions::find).onItem().ifNotNull()
                .transformToUni(session -> streamers.find(session.streamerId())).onItem().ifNotNull()
                .invoke(streamer -> access.platform(caller, streamer.platform()))
                .chain(() -> viewerEvents.record(sessionId, events));
    }

    @Subscription
    @NonNull
    @Description("Emits the session's LiveStats at most every 500 ms while they change, and a last time when it ends.")
    public Multi<LiveStats> liveStats(@Id @NonNull String sessionId) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        long id = Ids.require("session", sessionId);
        // Checked once, with the token of connection_init (or of the handshake), before the first figure.
        Uni<Boolean> allowed = sessions.find(id).chain(session -> session == null ? Uni.createFrom().item(true)
                : visible(caller, session).replaceWith(true));
        // SmallRye sends nothing for a subscription whose stream fails before its first item, so a session
        // outside the scope completes at once, empty (no figure leaves); role checks above answer an error.
        return Multi.createFrom().uni(allowed).onFailure(ForbiddenException.class).recoverWithCompletion()
                .onItem().transformToMultiAndConcatenate(ok -> broadcaster.watch(id));
    }

    private Uni<Void> visible(LiveSession session) {
        return visible(access.require(Role.OFFICIAL, Role.HOST), session);
    }

    private Uni<Void> visible(Caller caller, LiveSession session) {
        return access.sessions(caller, List.of(session.streamerId()), List.of(session.regionCode()));
    }

    @Name("product")
    @NonNull
    public Uni<List<@NonNull Product>> productOfSales(@Source List<ProductSales> sales) {
        Caller caller = access.caller();
        return products.get(sales.stream().map(ProductSales::productId).distinct().toList())
                .call(byId -> access.catalogue(caller, byId.values().stream().map(Product::originRegionCode).toList()))
                .map(byId -> sales.stream().map(s -> byId.get(s.productId())).toList());
    }
}
