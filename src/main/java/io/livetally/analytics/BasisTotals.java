package io.livetally.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The totals of any {@link Basis}, with or without the buyers' mix: region slices from the rollups (one statement
 * for all of them), hosts and products from theirs, or from their own raw orders where no rollup holds the figure
 * (a host's or product's mix, a host's sales of one region's products). Each statement sees one snapshot.
 */
@ApplicationScoped
class BasisTotals {

    private final SliceRepository slices;
    private final EntityTotalsRepository entities;
    private final BusinessCalendar calendar;

    BasisTotals(SliceRepository slices, EntityTotalsRepository entities, BusinessCalendar calendar) {
        this.slices = slices;
        this.entities = entities;
        this.calendar = calendar;
    }

    /**
     * The totals of each basis, in order, each with the totals of the periods it is compared with ({@link
     * SalesTotals#bases()}: those of {@code compared} that have a base, i.e. a bounded period), all computed
     * together: region slices in one statement, so one snapshot and one round trip for the totals and their bases.
     */
    Uni<List<SalesTotals>> of(List<Basis> bases, boolean buyers, Set<Comparison> compared) {
        if (compared.isEmpty()) {
            return of(bases, buyers);
        }
        List<Basis> all = new ArrayList<>(bases);
        List<Map<Comparison, Integer>> at = new ArrayList<>();
        for (Basis basis : bases) {
            Map<Comparison, Integer> positions = new EnumMap<>(Comparison.class);
            for (Comparison comparison : compared) {
                Instant[] base = Comparisons.base(basis.from(), basis.to(), comparison, calendar);
                if (base != null) {
                    positions.put(comparison, all.size());
                    all.add(basis.during(base[0], base[1]));
                }
            }
            at.add(positions);
        }
        return of(all, buyers).map(totals -> {
            List<SalesTotals> result = new ArrayList<>();
            for (int i = 0; i < bases.size(); i++) {
                Map<Comparison, SalesTotals> baseTotals = new EnumMap<>(Comparison.class);
                at.get(i).forEach((comparison, position) -> baseTotals.put(comparison, totals.get(position)));
                result.add(totals.get(i).withBases(baseTotals));
            }
            return result;
        });
    }

    /** The totals of each basis, in order; with their mix when {@code buyers}. */
    Uni<List<SalesTotals>> of(List<Basis> bases, boolean buyers) {
        SalesTotals[] result = new SalesTotals[bases.size()];
        List<Uni<Void>> calls = new ArrayList<>();
        calls.add(slices(bases, buyers, result));
        for (SalesOf of : SalesOf.values()) {
            calls.add(rolledUp(of, bases, buyers, result));
            calls.add(raw(of, bases, buyers, result));
        }
        return Uni.join().all(calls).andFailFast().map(ignored -> List.of(result));
    }

    private Uni<Void> slices(List<Basis> bases, boolean buyers, SalesTotals[] result) {
        List<Integer> at = positions(bases, b -> b.kind() == Basis.Kind.SLICE);
        if (at.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Slice> keys = new ArrayList<>();
        List<List<Piece>> pieces = new ArrayList<>();
        for (int i : at) {
            Basis basis = bases.get(i);
            Slice slice = basis.slice();
            Period period = Period.of(basis.from(), basis.to(), calendar);
            keys.add(slice);
            pieces.add(PeriodPlan.pieces(period.start(), period.end(), slice.grains(buyers), calendar));
        }
        return slices.tally(keys, pieces, List.of(calendar.earliest()), buyers).invoke(tallies -> {
            for (int k = 0; k < at.size(); k++) {
                result[at.get(k)] = SalesTotals.of(bases.get(at.get(k)), tallies.cells(k + 1, 1), buyers);
            }
        }).replaceWithVoid();
    }

    /** Hosts everywhere and products without their mix: their own rollups. */
    private Uni<Void> rolledUp(SalesOf of, List<Basis> bases, boolean buyers, SalesTotals[] result) {
        List<Integer> at = positions(bases, b -> !buyers && kind(of) == b.kind() && b.regionPath() == null);
        if (at.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Grain> grains = of == SalesOf.STREAMER ? Grains.streamer(0) : Grains.product();
        List<Long> ids = new ArrayList<>();
        List<List<Piece>> pieces = new ArrayList<>();
        for (int i : at) {
            Period period = Period.of(bases.get(i).from(), bases.get(i).to(), calendar);
            ids.add(bases.get(i).entityId());
            pieces.add(PeriodPlan.pieces(period.start(), period.end(), grains, calendar));
        }
        return entities.tally(of, ids, pieces, List.of(calendar.earliest())).invoke(tallies -> {
            for (int k = 0; k < at.size(); k++) {
                result[at.get(k)] = SalesTotals.of(bases.get(at.get(k)), tallies.cells(k + 1, 1), false);
            }
        }).replaceWithVoid();
    }

    /** Hosts and products with their mix, and hosts within a region: their own raw orders. */
    private Uni<Void> raw(SalesOf of, List<Basis> bases, boolean buyers, SalesTotals[] result) {
        List<Integer> at = positions(bases, b -> kind(of) == b.kind() && (buyers || b.regionPath() != null));
        if (at.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i : at) {
            Period period = Period.of(bases.get(i).from(), bases.get(i).to(), calendar);
            ids.add(bases.get(i).entityId());
            starts.add(period.start());
            ends.add(period.end());
            paths.add(bases.get(i).regionPath());
        }
        return entities.raw(of, ids, starts, ends, paths).invoke(tallies -> {
            for (int k = 0; k < at.size(); k++) {
                SalesTotals totals = SalesTotals.of(bases.get(at.get(k)), tallies.cells(k + 1, 1), true);
                result[at.get(k)] = buyers ? totals : totals.withMix(null);
            }
        }).replaceWithVoid();
    }

    private static Basis.Kind kind(SalesOf of) {
        return of == SalesOf.STREAMER ? Basis.Kind.STREAMER : Basis.Kind.PRODUCT;
    }

    private static List<Integer> positions(List<Basis> bases, Predicate<Basis> which) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            if (which.test(bases.get(i))) {
                at.add(i);
            }
        }
        return at;
    }
}
