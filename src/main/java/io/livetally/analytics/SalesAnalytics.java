package io.livetally.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.catalog.CatalogRepository;
import io.livetally.region.RegionRepository;
import io.livetally.streamer.StreamerRepository;
import io.smallrye.mutiny.Uni;

/** Exact sales of hosts and products, and their rankings within a region. */
@ApplicationScoped
public class SalesAnalytics {

    private final EntityTotalsRepository entities;
    private final RankingRepository rankings;
    private final RegionRepository regions;
    private final StreamerRepository streamers;
    private final CatalogRepository catalog;
    private final BusinessCalendar calendar;

    public SalesAnalytics(EntityTotalsRepository entities, RankingRepository rankings, RegionRepository regions,
            StreamerRepository streamers, CatalogRepository catalog, BusinessCalendar calendar) {
        this.entities = entities;
        this.rankings = rankings;
        this.regions = regions;
        this.streamers = streamers;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** Each host's totals over [from, to). */
    public Uni<List<SalesTotals>> streamerTotals(List<Long> ids, Instant from, Instant to) {
        return totals(SalesOf.STREAMER, ids, Grains.streamer(0), from, to);
    }

    /** Each product's totals over [from, to). */
    public Uni<List<SalesTotals>> productTotals(List<Long> ids, Instant from, Instant to) {
        return totals(SalesOf.PRODUCT, ids, Grains.product(), from, to);
    }

    private Uni<List<SalesTotals>> totals(SalesOf of, List<Long> ids, List<Grain> grains, Instant from, Instant to) {
        Period period = Period.of(from, to, calendar);
        List<Piece> pieces = PeriodPlan.pieces(period.start(), period.end(), grains, calendar);
        return entities.tally(of, ids, ids.stream().map(id -> pieces).toList(), List.of(calendar.earliest()))
                .map(tallies -> {
                    List<SalesTotals> result = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        result.add(SalesTotals.of(from, to, tallies.get(i + 1, 1)));
                    }
                    return result;
                });
    }

    /** Hosts ranked by net GMV of products originating in the region (everywhere when null). */
    public Uni<List<StreamerRanking>> topStreamers(String regionCode, Instant from, Instant to, Integer limit) {
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
                    .chain(tallies -> {
                        List<Long> top = Ranked.top(totalsById(tallies, period), max);
                        return streamers.findAll(top).map(byId -> {
                            List<StreamerRanking> result = new ArrayList<>();
                            for (int i = 0; i < top.size(); i++) {
                                result.add(new StreamerRanking(i + 1, byId.get(top.get(i)),
                                        SalesTotals.of(from, to, tallies.get(top.get(i), 1))));
                            }
                            return result;
                        });
                    });
        });
    }

    /** Products originating in the region (everywhere when null) ranked by net GMV. */
    public Uni<List<ProductRanking>> topProducts(String regionCode, Instant from, Instant to, Integer limit) {
        int max = Limits.ranking(limit);
        Period period = Period.of(from, to, calendar);
        return scope(regionCode).chain(scope -> {
            if (scope == null) {
                return Uni.createFrom().item(List.<ProductRanking>of());
            }
            return rankings.tally(SalesOf.PRODUCT, scope.code(), scope.path(),
                            PeriodPlan.pieces(period.start(), period.end(), Grains.product(), calendar),
                            scope.depth() <= 1)
                    .chain(tallies -> {
                        List<Long> top = Ranked.top(totalsById(tallies, period), max);
                        return catalog.products(top).map(byId -> {
                            List<ProductRanking> result = new ArrayList<>();
                            for (int i = 0; i < top.size(); i++) {
                                result.add(new ProductRanking(i + 1, byId.get(top.get(i)),
                                        SalesTotals.of(from, to, tallies.get(top.get(i), 1))));
                            }
                            return result;
                        });
                    });
        });
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

    private static Map<Long, SalesTotals> totalsById(Tallies tallies, Period period) {
        Map<Long, SalesTotals> result = new HashMap<>();
        tallies.asMap().forEach((id, slots) -> result.put(id,
                SalesTotals.of(period.from(), period.to(), slots.get(1))));
        return result;
    }
}
