package io.livetally.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.catalog.CatalogRepository;
import io.livetally.region.RegionRepository;
import io.livetally.streamer.StreamerRepository;
import io.smallrye.mutiny.Uni;

/** Exact sales of hosts and products, and their rankings within a region. */
@ApplicationScoped
public class SalesAnalytics {

    private final BasisTotals totals;
    private final RankingRepository rankings;
    private final RegionRepository regions;
    private final StreamerRepository streamers;
    private final CatalogRepository catalog;
    private final BusinessCalendar calendar;

    public SalesAnalytics(BasisTotals totals, RankingRepository rankings, RegionRepository regions,
            StreamerRepository streamers, CatalogRepository catalog, BusinessCalendar calendar) {
        this.totals = totals;
        this.rankings = rankings;
        this.regions = regions;
        this.streamers = streamers;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** Each host's totals over [from, to); with the buyers' mix when {@code buyers}. */
    public Uni<List<SalesTotals>> streamerTotals(List<Long> ids, Instant from, Instant to, boolean buyers) {
        Period.of(from, to, calendar);
        return totals.of(ids.stream().map(id -> Basis.streamer(id, null, null, from, to)).toList(), buyers);
    }

    /** Each product's totals over [from, to); with the buyers' mix when {@code buyers}. */
    public Uni<List<SalesTotals>> productTotals(List<Long> ids, Instant from, Instant to, boolean buyers) {
        Period.of(from, to, calendar);
        return totals.of(ids.stream().map(id -> Basis.product(id, from, to)).toList(), buyers);
    }

    /** Hosts ranked by net GMV of products originating in the region (everywhere when null). */
    public Uni<List<StreamerRanking>> topStreamers(String regionCode, Instant from, Instant to, Integer limit,
            boolean buyers) {
        int max = Limits.ranking(limit);
        Period period = Period.of(from, to, calendar);
        return scope(regionCode).chain(scope -> {
            if (scope == null) {
                return Uni.createFrom().item(List.<StreamerRanking>of());
            }
            List<Grain> grains = Grains.streamer(scope.depth());
            return rankings.tally(SalesOf.STREAMER, scope.code(), scope.path(),
                            PeriodPlan.pieces(period.start(), period.end(), grains, calendar),
                            Grains.wideRaw(scope.depth(), grains))
                    .chain(tallies -> ranked(totalsById(tallies, id -> Basis.streamer(id, scope.code(), scope.path(),
                            from, to)), max, buyers))
                    .chain(top -> streamers.findAll(top.stream().map(t -> t.basis().entityId()).toList())
                            .map(byId -> {
                                List<StreamerRanking> result = new ArrayList<>();
                                for (int i = 0; i < top.size(); i++) {
                                    result.add(new StreamerRanking(i + 1, byId.get(top.get(i).basis().entityId()),
                                            top.get(i)));
                                }
                                return result;
                            }));
        });
    }

    /** Products originating in the region (everywhere when null) ranked by net GMV. */
    public Uni<List<ProductRanking>> topProducts(String regionCode, Instant from, Instant to, Integer limit,
            boolean buyers) {
        int max = Limits.ranking(limit);
        Period period = Period.of(from, to, calendar);
        return scope(regionCode).chain(scope -> {
            if (scope == null) {
                return Uni.createFrom().item(List.<ProductRanking>of());
            }
            return rankings.tally(SalesOf.PRODUCT, scope.code(), scope.path(),
                            PeriodPlan.pieces(period.start(), period.end(), Grains.product(), calendar),
                            scope.depth() <= 1)
                    .chain(tallies -> ranked(totalsById(tallies, id -> Basis.product(id, from, to)), max, buyers))
                    .chain(top -> catalog.products(top.stream().map(t -> t.basis().entityId()).toList())
                            .map(byId -> {
                                List<ProductRanking> result = new ArrayList<>();
                                for (int i = 0; i < top.size(); i++) {
                                    result.add(new ProductRanking(i + 1, byId.get(top.get(i).basis().entityId()),
                                            top.get(i)));
                                }
                                return result;
                            }));
        });
    }

    /**
     * The top {@code max} totals in ranking order; with their buyers' mix when asked (read for those rows alone,
     * from their raw orders: no rollup holds a host's or product's buyers).
     */
    private Uni<List<SalesTotals>> ranked(Map<Long, SalesTotals> byId, int max, boolean buyers) {
        List<SalesTotals> top = Ranked.top(byId, max).stream().map(byId::get).toList();
        if (!buyers || top.isEmpty()) {
            return Uni.createFrom().item(top);
        }
        return totals.of(top.stream().map(SalesTotals::basis).toList(), true);
    }

    /** Where a ranking looks: a region's subtree, or everywhere (code and path null). */
    private record Scope(String code, String path) {
        int depth() {
            return path == null ? 0 : Grains.depth(path);
        }
    }

    /** The scope of {@code code}: everywhere when null, null when no such region exists. */
    private Uni<Scope> scope(String code) {
        if (code == null) {
            return Uni.createFrom().item(new Scope(null, null));
        }
        return regions.find(code).map(region -> region == null ? null : new Scope(region.code(), region.path()));
    }

    private static Map<Long, SalesTotals> totalsById(Tallies tallies, LongFunction<Basis> basis) {
        Map<Long, SalesTotals> result = new HashMap<>();
        tallies.asMap().forEach((id, slots) -> result.put(id, SalesTotals.of(basis.apply(id), slots.get(1), false)));
        return result;
    }
}
