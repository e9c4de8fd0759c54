package io.livetally.analytics;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.OFFICIAL;

import io.livetally.common.Granularity;
import io.livetally.common.TimeBucket;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.ArgumentBatches;
import io.livetally.common.NotFoundException;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.livetally.order.Channel;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** What officials see of a region: exact sales of its subtree, its catalogue figures, its children's ranking. */
@GraphQLApi
@MaskUnexpectedErrors
public class RegionAnalyticsGraphQLApi {

    private final RegionAnalytics analytics;
    private final RegionFiguresRepository figures;
    private final RegionRepository regions;
    private final RegionTotalsFeed feed;
    private final Context context;
    private final Access access;

    public RegionAnalyticsGraphQLApi(RegionAnalytics analytics, RegionFiguresRepository figures,
            RegionRepository regions, RegionTotalsFeed feed, Context context, Access access) {
        this.access = access;
        this.context = context;
        this.analytics = analytics;
        this.figures = figures;
        this.regions = regions;
        this.feed = feed;
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Sales of products ORIGINATING in this region or anywhere below it, placed in [from, to)"
            + " (either end may be omitted), optionally of one channel.")
    public Uni<SalesTotals> totals(@Source Region region, Instant from, Instant to, Channel channel) {
        Scope scope = access.scope();
        // Checked after the batched load is registered: registering late could miss the batch's dispatch.
        // the bases of the comparisons selected below are computed in the totals' statement; with their mix
        // when those bases' buyers are selected (the totals then carry theirs too: one statement)
        Set<Comparison> compared = Compares.wanted(context);
        boolean buyers = Buyers.wanted(context, "") || !compared.isEmpty() && Buyers.wanted(context, "compare/base");
        return ArgumentBatches.load(context, "Region.totals", region,
                        new TotalsArguments(from, to, channel, buyers, compared),
                        (list, a) -> analytics.totals(list, a.from(), a.to(), a.channel(), a.buyers(), a.compared()))
                .call(() -> access.regions(scope, Visibility.REGIONAL, List.of(region.code())));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Sales of the subtree bucket by bucket over [from, to); DAY and MONTH are days and months of the"
            + " business time zone. At most 5000 buckets (e.g. 3 days of MINUTE).")
    public Uni<List<@NonNull TimeBucket>> timeSeries(@Source Region region, @NonNull Instant from,
            @NonNull Instant to, @NonNull Granularity granularity) {
        Scope scope = access.scope();
        return ArgumentBatches.load(context, "Region.timeSeries", region, new SeriesArguments(from, to, granularity),
                (list, a) -> analytics.timeSeries(list, a.from(), a.to(), a.granularity()))
                .call(() -> access.regions(scope, Visibility.REGIONAL, List.of(region.code())));
    }

    private record TotalsArguments(Instant from, Instant to, Channel channel, boolean buyers,
            Set<Comparison> compared) {
    }

    private record SeriesArguments(Instant from, Instant to, Granularity granularity) {
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Listed products originating in this region's subtree.")
    public Uni<Integer> productCount(@Source Region region) {
        return figure(region, "Region.productCount", figures::productCounts);
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Certified, non-blacklisted suppliers registered in this region's subtree.")
    public Uni<Integer> supplierCount(@Source Region region) {
        return figure(region, "Region.supplierCount", figures::supplierCounts);
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Sum of poor households that the subtree's suppliers (certified, non-blacklisted) report as"
            + " benefiting.")
    public Uni<Integer> householdsBenefited(@Source Region region) {
        return figure(region, "Region.householdsBenefited", figures::householdsBenefited);
    }

    /**
     * One region's catalogue figure, loaded in a batch with the other regions of its level but checked on its
     * own: a region outside the caller's scope refuses its figure only, not those of its siblings or of other
     * aliases (a {@code @Source List} batch is refused as a whole).
     */
    private Uni<Integer> figure(Region region, String field, Function<List<Region>, Uni<List<Integer>>> batch) {
        Scope scope = access.scope();
        // Checked after the batched load is registered: registering late could miss the batch's dispatch.
        return ArgumentBatches.load(context, field, region, batch)
                .call(() -> access.regions(scope, Visibility.REGIONAL, List.of(region.code())));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Ranks the direct children of regionCode (the municipality when absent) by net GMV over [from, to);"
            + " limit defaults to 10, at most 100. Empty for an unknown region.")
    public Uni<List<@NonNull RegionRanking>> topRegions(@Id String regionCode, Instant from, Instant to,
            Integer limit) {
        boolean buyers = Buyers.wanted(context, "totals");
        return access.regionScope(access.scope(), regionCode)
                .chain(code -> analytics.topRegions(code, from, to, limit, buyers));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("The poverty-focus regions inside the subtree (default: the caller's root), each order once: the"
            + " sales of products originating in a poverty-focus region or anywhere below one, placed in [from, to)."
            + " A region that lies in a poverty-focus region counts whole. not-found for an unknown region.")
    public Uni<SalesTotals> povertyFocusTotals(@Id String regionCode, Instant from, Instant to) {
        Set<Comparison> compared = Compares.wanted(context);
        boolean buyers = Buyers.wanted(context, "") || !compared.isEmpty() && Buyers.wanted(context, "compare/base");
        return access.regionScope(access.scope(), regionCode)
                .chain(regions::findOrRoot)
                .onItem().ifNull().failWith(() -> new NotFoundException("region", regionCode))
                .chain(region -> analytics.povertyFocus(region, from, to, buyers, compared));
    }

    @Subscription
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Emits a region's today totals (the current day of the business time zone) at once, then at most"
            + " every second while they change. For an unknown code, or one outside an official's region, it"
            + " completes at once without an event.")
    public Multi<SalesTotals> regionTotals(@Id @NonNull String code) {
        // Not a not-found or forbidden error: graphql-java cannot complete a non-null subscription field with an
        // error (it throws instead of sending it), and SmallRye sends nothing at all for a stream that fails before
        // its first item (the client would wait for ever). So an unknown region, or one outside the caller's scope,
        // ends the stream cleanly, as liveStats does; the role check answers an error, being thrown before any stream.
        return access.regionScope(access.scope(), code).chain(regions::find).toMulti()
                .onFailure(ForbiddenException.class).recoverWithCompletion()
                .onItem().transformToMultiAndConcatenate(feed::watch);
    }
}
