package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The period plan covers exactly the period, with whole rollup buckets and short raw edges. */
class PeriodPlanProperties {

    private static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));
    private static final long START = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
    private static final long END = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond();

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(START, END).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<List<Grain>> grainSets() {
        return Arbitraries.of(List.of(Grain.HOUR, Grain.DAY, Grain.MONTH), List.of(Grain.DAY, Grain.MONTH),
                List.of(Grain.MONTH), List.of());
    }

    @Property(tries = 2000)
    void piecesTileThePeriodWithWholeBucketsAndAtMostTwoShortRawEdges(@ForAll("instants") Instant a,
            @ForAll("instants") Instant b, @ForAll("grainSets") List<Grain> grains) {
        Instant from = a.isBefore(b) ? a : b;
        Instant to = a.isBefore(b) ? b : a;

        List<Piece> pieces = PeriodPlan.pieces(from, to, grains, SHANGHAI);

        Instant cursor = from;
        for (Piece piece : pieces) {
            assertThat(piece.start()).isEqualTo(cursor);
            assertThat(piece.start()).isBefore(piece.end());
            if (piece.grain() != Grain.RAW) {
                assertThat(SHANGHAI.floor(piece.start(), piece.grain().granularity)).isEqualTo(piece.start());
                assertThat(SHANGHAI.floor(piece.end(), piece.grain().granularity)).isEqualTo(piece.end());
            }
            cursor = piece.end();
        }
        assertThat(cursor).isEqualTo(to);
        List<Piece> raw = pieces.stream().filter(p -> p.grain() == Grain.RAW).toList();
        assertThat(raw).hasSizeLessThanOrEqualTo(2);
        if (!grains.isEmpty()) {
            Duration finest = switch (grains.get(0)) {
                case HOUR -> Duration.ofHours(1);
                case DAY -> Duration.ofDays(1);
                default -> Duration.ofDays(31);
            };
            raw.forEach(p -> assertThat(Duration.between(p.start(), p.end())).isLessThan(finest.multipliedBy(2)));
        }
        assertThat(pieces).hasSizeLessThanOrEqualTo(2 * grains.size() + 1);
    }
}
