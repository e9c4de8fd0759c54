package io.livetally.analytics;

import io.livetally.common.Granularity;
import io.livetally.common.TimeBucket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.order.Channel;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;

/** Exact sales of region subtrees: totals, time series, the ranking of a region's children, today's totals. */
@ApplicationScoped
public class RegionAnalytics {

    private final SliceRepository slices;
    private final BasisTotals totals;
    private final RegionRepository regions;
    private final BusinessCalendar calendar;

    public RegionAnalytics(SliceRepository slices, BasisTotals totals, RegionRepository regions,
            BusinessCalendar calendar) {
        this.slices = slices;
        this.totals = totals;
        this.regions = regions;
        this.calendar = calendar;
    }

    /** Each region's totals over [from, to), optionally of one channel; with the buyers' mix when {@code buyers}. */
    public Uni<List<SalesTotals>> totals(List<Region> list, Instant from, Instant to, Channel channel,
            boolean buyers) {
        return totals(list, from, to, channel, buyers, Set.of());
    }

    /** The same, each with the totals of the periods it is compared with ({@code compared}), in one statement. */
    public Uni<List<SalesTotals>> totals(List<Region> list, Instant from, Instant to, Channel channel,
            boolean buyers, Set<Comparison> compared) {
        Period.of(from, to, calendar); // refuses a bad period before any query
        return totals.of(list.stream().map(r -> Basis.slice(new Slice(r.code(), r.path(), null, channel), from, to))
                .toList(), buyers, compared);
    }

    /**
     * The poverty-focus group of the region's subtree over [from, to): the orders whose origin lies in a
     * poverty-focus region (or below one), each once; all of the subtree's when the region itself lies in one.
     */
    public Uni<SalesTotals> povertyFocus(Region region, Instant from, Instant to, boolean buyers) {
        return povertyFocus(region, from, to, buyers, Set.of());
    }

    /** The same, with the totals of the periods it is compared with ({@code compared}), in one statement. */
    public Uni<SalesTotals> povertyFocus(Region region, Instant from, Instant to, boolean buyers,
            Set<Comparison> compared) {
        Period.of(from, to, calendar);
        Slice slice = new Slice(region.code(), region.path(), null, null, !region.inFocus());
        return totals.of(List.of(Basis.slice(slice, from, to)), buyers, compared).map(list -> list.get(0));
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
                .map(key -> PeriodPlan.pieces(slots.starts(), period.end(), key.grains(false), calendar)).toList();
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
    public Uni<List<RegionRanking>> topRegions(String regionCode, Instant from, Instant to, Integer limit,
            boolean buyers) {
        int max = Limits.ranking(limit);
        Period.of(from, to, calendar); // refuses a bad period before any query
        Uni<Region> parent = regions.findOrRoot(regionCode);
        return parent.chain(region -> region == null ? Uni.createFrom().item(List.<Region>of())
                        : regions.childrenOf(List.of(region.code())).map(children -> children.get(region.code())))
                .chain(children -> children.isEmpty() ? Uni.createFrom().item(List.<RegionRanking>of())
                        : totals(children, from, to, null, buyers).map(totals -> {
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

    /**
     * The region's totals (or its poverty-focus group's, when {@code focus}) over each period [from[i], to[i]), with
     * their buyers' mix, in one statement: one snapshot for a bulletin's month, year to date, month a year ago ….
     */
    public Uni<List<SalesTotals>> periods(Region region, boolean focus, List<Instant> from, List<Instant> to) {
        Slice slice = new Slice(region.code(), region.path(), null, null, focus && !region.inFocus());
        List<Basis> bases = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            Period.of(from.get(i), to.get(i), calendar);
            bases.add(Basis.slice(slice, from.get(i), to.get(i)));
        }
        return totals.of(bases, true);
    }

    /** Totals with their buyers' mix and both comparisons (null when the period is not bounded). */
    public record Compared(SalesTotals totals, SalesComparison previousPeriod, SalesComparison yearAgo) {
    }

    /** Each region's totals over [from, to) with their mix, compared with the previous period and a year ago. */
    public Uni<List<Compared>> compared(List<Region> list, Instant from, Instant to) {
        return comparedSlices(list.stream().map(r -> new Slice(r.code(), r.path(), null, null)).toList(), from, to);
    }

    /** The poverty-focus group of the region, as {@link #compared(List, Instant, Instant)}. */
    public Uni<Compared> povertyFocusCompared(Region region, Instant from, Instant to) {
        return comparedSlices(List.of(new Slice(region.code(), region.path(), null, null, !region.inFocus())), from,
                to).map(list -> list.get(0));
    }

    private Uni<List<Compared>> comparedSlices(List<Slice> list, Instant from, Instant to) {
        Period.of(from, to, calendar);
        Uni<List<SalesTotals>> current = totals.of(list.stream().map(s -> Basis.slice(s, from, to)).toList(), true);
        Uni<List<SalesTotals>> previous = base(list, from, to, Comparison.PREVIOUS_PERIOD);
        Uni<List<SalesTotals>> yearAgo = base(list, from, to, Comparison.YEAR_AGO);
        return Uni.combine().all().unis(current, previous, yearAgo).asTuple().map(t -> {
            List<Compared> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                SalesTotals now = t.getItem1().get(i);
                result.add(new Compared(now, t.getItem2() == null ? null : SalesComparison.of(now, t.getItem2().get(i)),
                        t.getItem3() == null ? null : SalesComparison.of(now, t.getItem3().get(i))));
            }
            return result;
        });
    }

    private Uni<List<SalesTotals>> base(List<Slice> list, Instant from, Instant to, Comparison comparison) {
        Instant[] base = Comparisons.base(from, to, comparison, calendar);
        return base == null ? Uni.createFrom().nullItem()
                : totals.of(list.stream().map(s -> Basis.slice(s, base[0], base[1])).toList(), true);
    }

    /** The region's totals for the current business day, with their buyers' mix. */
    public Uni<SalesTotals> today(Region region, Instant now) {
        LocalDate day = calendar.day(now);
        return totals(List.of(region), calendar.startOfDay(day), calendar.startOfDay(day.plusDays(1)), null, true)
                .map(list -> list.get(0));
    }
}
