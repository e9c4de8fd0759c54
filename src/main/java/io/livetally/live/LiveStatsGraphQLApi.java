package io.livetally.live;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;
import static io.livetally.security.Role.PLATFORM;

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
import io.livetally.security.Allowed;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
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
    private final Access access;

    public LiveStatsGraphQLApi(LiveStatsService stats, ViewerEventService viewerEvents,
            LiveStatsBroadcaster broadcaster, RecentProducts products,
            @ConfigProperty(name = "livetally.business-time-zone") ZoneId zone, SessionRepository sessions,
            Access access) {
        this.sessions = sessions;
        this.access = access;
        this.stats = stats;
        this.viewerEvents = viewerEvents;
        this.broadcaster = broadcaster;
        this.products = products;
        this.zone = zone;
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Live counters; served from the cache while LIVE, frozen from the database once ENDED.")
    public Uni<LiveStats> stats(@Source LiveSession session) {
        return visible(access.scope(), session).chain(() -> stats.stats(session));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull TimeBucket>> timeline(@Source LiveSession session, @NonNull Granularity granularity) {
        return visible(access.scope(), session).chain(() -> stats.timeline(session, granularity, zone));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, PLATFORM})
    @Description("Up to 1000 JOIN / LEAVE / LIKE events of a LIVE session's viewers; answers the updated stats.")
    public Uni<LiveStats> recordViewerEvents(@Id @NonNull String sessionId,
            @NonNull List<@NonNull ViewerEventInput> events) {
        Scope scope = access.scope();
        // A platform reports the viewers of sessions streamed on it; an unknown session stays not-found. The
        // session read here, with its host's platform in the same round trip, is the one the events are recorded
        // for (not read a second time).
        return Ids.lookUp(sessionId, sessions::findWithPlatform)
                .invoke(found -> {
                    if (found != null && found.platform() != null) {
                        access.platforms(scope, List.of(found.platform()), "a platform reports only its own sessions' viewers");
                    }
                })
                .chain(found -> viewerEvents.record(sessionId, found == null ? null : found.session(), events));
    }

    @Subscription
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Emits the session's LiveStats at most every 500 ms while they change, and a last time when it ends.")
    public Multi<LiveStats> liveStats(@Id @NonNull String sessionId) {
        Scope scope = access.scope();
        long id = Ids.require("session", sessionId);
        // Checked once, with the token of connection_init (or of the handshake), before the first figure.
        Uni<Boolean> allowed = sessions.find(scope, id).replaceWith(true);
        // SmallRye sends nothing for a subscription whose stream fails before its first item, so a session
        // outside the scope completes at once, empty (no figure leaves); role checks answer an error.
        return Multi.createFrom().uni(allowed).onFailure(ForbiddenException.class).recoverWithCompletion()
                .onItem().transformToMultiAndConcatenate(ok -> broadcaster.watch(id));
    }

    private Uni<Void> visible(Scope scope, LiveSession session) {
        return access.check(scope, Visibility.SESSIONS, List.of(session.streamerId()), List.of(session.regionCode()));
    }

    @Name("product")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Product>> productOfSales(@Source List<ProductSales> sales) {
        Scope scope = access.scope();
        return products.get(sales.stream().map(ProductSales::productId).distinct().toList())
                .call(byId -> access.check(scope, Visibility.CATALOGUE, List.of(),
                        byId.values().stream().map(Product::originRegionCode).toList()))
                .map(byId -> sales.stream().map(s -> byId.get(s.productId())).toList());
    }
}
