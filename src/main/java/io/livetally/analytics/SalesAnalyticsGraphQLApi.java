package io.livetally.analytics;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.catalog.Product;
import io.livetally.common.ArgumentBatches;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.livetally.streamer.Streamer;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Exact sales of hosts and products, and their rankings. */
@GraphQLApi
@MaskUnexpectedErrors
public class SalesAnalyticsGraphQLApi {

    private final SalesAnalytics analytics;
    private final Context context;
    private final Access access;

    public SalesAnalyticsGraphQLApi(SalesAnalytics analytics, Context context, Access access) {
        this.access = access;
        this.analytics = analytics;
        this.context = context;
    }

    @Name("totals")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("The host's sales placed in [from, to) (either end may be omitted).")
    public Uni<SalesTotals> streamerTotals(@Source Streamer streamer, Instant from, Instant to) {
        Scope scope = access.scope();
        // Checked after the batched load is registered: registering late could miss the batch's dispatch.
        return ArgumentBatches.load(context, "Streamer.totals", streamer.id(), new Bounds(from, to),
                (ids, b) -> analytics.streamerTotals(ids, b.from(), b.to()))
                .call(() -> access.check(scope, Visibility.STREAMERS, List.of(streamer.id()),
                        List.of(streamer.homeRegionCode())));
    }

    @Name("totals")
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("The product's sales placed in [from, to) (either end may be omitted).")
    public Uni<SalesTotals> productTotals(@Source Product product, Instant from, Instant to) {
        Scope scope = access.scope();
        return ArgumentBatches.load(context, "Product.totals", product.id(), new Bounds(from, to),
                (ids, b) -> analytics.productTotals(ids, b.from(), b.to()))
                .call(() -> access.regions(scope, Visibility.REGIONAL, List.of(product.originRegionCode())));
    }

    private record Bounds(Instant from, Instant to) {
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Hosts ranked by net GMV of their sales of products originating in regionCode's subtree"
            + " (everywhere when absent) over [from, to); limit defaults to 10, at most 100.")
    public Uni<List<@NonNull StreamerRanking>> topStreamers(@Id String regionCode, Instant from, Instant to,
            Integer limit) {
        return access.regionScope(access.scope(), regionCode).chain(code -> analytics.topStreamers(code, from, to, limit));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Products originating in regionCode's subtree (everywhere when absent) ranked by net GMV over"
            + " [from, to); limit defaults to 10, at most 100.")
    public Uni<List<@NonNull ProductRanking>> topProducts(@Id String regionCode, Instant from, Instant to,
            Integer limit) {
        return access.regionScope(access.scope(), regionCode).chain(code -> analytics.topProducts(code, from, to, limit));
    }
}
