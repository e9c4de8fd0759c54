package io.livetally.analytics;

import io.livetally.common.Granularity;
import io.livetally.common.TimeBucket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.order.Channel;
import io.livetally.region.Region;
import io.livetally.region.RegionLevel;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;

/** Exact sales of region subtrees: totals, time series, the ranking of a region's children, today's totals. */
@ApplicationScoped
public class RegionAnalytics {

    private final SliceRepository slices;
    private final RegionRepository regions;
    private final BusinessCalendar calendar;

    public RegionAnalytics(SliceRepository slices, RegionRepository regions, BusinessCalendar calendar) {
        this.slices = slices;
        this.regions = regions;
        this.calendar = calendar;
    }

    /** Each region's totals over [from, to), optionally of one channel. */
    public Uni<List<SalesTotals>> totals(List<Region> list, Instant from, Instant to, Channel channel) {
        Period period = Period.of(from, to, calendar);
        return totals(list.stream().map(r -> new Slice(r.code(), r.path(), null, channel)).toList(),
                list.stream().map(r -> period).toList());
    }

    /** Each slice's totals over its own period. */
    Uni<List<SalesTotals>> totals(List<Slice> keys, List<Period> periods) {
        List<List<Piece>> pieces = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            pieces.add(PeriodPlan.pieces(periods.get(i).start(), periods.get(i).end(), keys.get(i).grains(), calendar));
        }
        return slices.tally(keys, pieces, List.of(calendar.earliest())).map(tallies -> {
            List<SalesTotals> result = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Period period = periods.get(i);
                result.add(SalesTotals.of(period.from(), period.to(), tallies.get(i + 1, 1)));
            }
            return result;
        });
    }

    /** Each region's sales bucket by bucket over [from, to). */
    public Uni<List<List<TimeBucket>>> timeSeries(List<Region> list, Instant from, Instant to,
            Granularity granularity) {
        Period period = Period.of(from, to, calendar);
        Slots slots = Slots.of(period, granularity, calendar);
        if (slots.starts().isEmpty()) {
            return Uni.createFrom().item(list.stream().map(r -> List.<TimeBucket>of()).toList());
        }
        List<Slice> keys = list.stream().map(r -> new Slice(r.code(), r.path(), null, null)).toList();
        List<List<Piece>> pieces = keys.stream()
                .map(key -> PeriodPlan.pieces(slots.starts(), period.end(), key.grains(), calendar)).toList();
        return slices.tally(keys, pieces, slots.starts()).map(tallies -> {
            List<List<TimeBucket>> result = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                List<TimeBucket> buckets = new ArrayList<>();
                for (int s = 0; s < slots.labels().size(); s++) {
                    Measures m = tallies.get(k + 1, s + 1).values().stream().reduce(Measures.ZERO, Measures::plus);
                    buckets.add(new TimeBucket(slots.labels().get(s), m.gmv(), m.netGmv(),
                            Math.toIntExact(m.orders())));
                }
                result.add(buckets);
            }
            return result;
        });
    }

    /**
     * The direct children of {@code regionCode} (of the municipality when null) ranked by net GMV;
     * empty for an unknown region.
     */
    public Uni<List<RegionRanking>> topRegions(String regionCode, Instant from, Instant to, Integer limit) {
        int max = Limits.ranking(limit);
        Period.of(from, to, calendar); // refuses a bad period before any query
        Uni<Region> parent = regionCode != null ? regions.find(regionCode)
                : regions.list(null, RegionLevel.MUNICIPALITY).map(roots -> roots.isEmpty() ? null : roots.get(0));
        return parent.chain(region -> region == null ? Uni.createFrom().item(List.<Region>of())
                        : regions.childrenOf(List.of(region.code())).map(children -> children.get(region.code())))
                .chain(children -> children.isEmpty() ? Uni.createFrom().item(List.<RegionRanking>of())
                        : totals(children, from, to, null).map(totals -> {
                            Map<String, SalesTotals> byCode = new LinkedHashMap<>();
                            Map<String, Region> regionByCode = new LinkedHashMap<>();
                            for (int i = 0; i < children.size(); i++) {
                                byCode.put(children.get(i).code(), totals.get(i));
                                regionByCode.put(children.get(i).code(), children.get(i));
                            }
                            List<String> ranked = Ranked.top(byCode, max);
                            List<RegionRanking> result = new ArrayList<>();
                            for (int i = 0; i < ranked.size(); i++) {
                                result.add(new RegionRanking(i + 1, regionByCode.get(ranked.get(i)),
                                        byCode.get(ranked.get(i))));
                            }
                            return result;
                        }));
    }

    /** The region's totals for the current business day. */
    public Uni<SalesTotals> today(Region region, Instant now) {
        LocalDate day = calendar.day(now);
        return totals(List.of(region), calendar.startOfDay(day), calendar.startOfDay(day.plusDays(1)), null)
                .map(list -> list.get(0));
    }
}
