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
import io.livetally.session.LiveSession;
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

    public LiveStatsGraphQLApi(LiveStatsService stats, ViewerEventService viewerEvents,
            LiveStatsBroadcaster broadcaster, RecentProducts products,
            @ConfigProperty(name = "livetally.business-time-zone") ZoneId zone) {
        this.stats = stats;
        this.viewerEvents = viewerEvents;
        this.broadcaster = broadcaster;
        this.products = products;
        this.zone = zone;
    }

    @NonNull
    @Description("Live counters; served from the cache while LIVE, frozen from the database once ENDED.")
    public Uni<LiveStats> stats(@Source LiveSession session) {
        return stats.stats(session);
    }

    @NonNull
    public Uni<List<@NonNull TimeBucket>> timeline(@Source LiveSession session, @NonNull Granularity granularity) {
        return stats.timeline(session, granularity, zone);
    }

    @Mutation
    @NonNull
    @Description("Up to 1000 JOIN / LEAVE / LIKE events of a LIVE session's viewers; answers the updated stats.")
    public Uni<LiveStats> recordViewerEvents(@Id @NonNull String sessionId,
            @NonNull List<@NonNull ViewerEventInput> events) {
        return viewerEvents.record(sessionId, events);
    }

    @Subscription
    @NonNull
    @Description("Emits the session's LiveStats at most every 500 ms while they change, and a last time when it ends.")
    public Multi<LiveStats> liveStats(@Id @NonNull String sessionId) {
        return broadcaster.watch(Ids.require("session", sessionId));
    }

    @Name("product")
    @NonNull
    public Uni<List<@NonNull Product>> productOfSales(@Source List<ProductSales> sales) {
        return products.get(sales.stream().map(ProductSales::productId).distinct().toList())
                .map(byId -> sales.stream().map(s -> byId.get(s.productId())).toList());
    }
}
