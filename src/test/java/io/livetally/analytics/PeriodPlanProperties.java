package io.livetally.analytics;

import static io.livetally.common.Seeds.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.livetally.common.Gen;

/** The period plan covers exactly the period, with whole rollup buckets and short raw edges. */
class PeriodPlanProperties {

    private static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));
    private static final long START = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
    private static final long END = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond();
    private static final Gen<Instant> INSTANTS = Gen.longs(START, END).map(Instant::ofEpochSecond);
    private static final Gen<List<Grain>> GRAIN_SETS = Gen.of(List.of(Grain.HOUR, Grain.DAY, Grain.MONTH),
            List.of(Grain.DAY, Grain.MONTH), List.of(Grain.MONTH), List.of());

    @Test
    void piecesTileThePeriodWithWholeBucketsAndAtMostTwoShortRawEdges() {
        forAll(2000, each -> {
            Instant a = each.draw(INSTANTS);
            Instant b = each.draw(INSTANTS);
            List<Grain> grains = each.draw(GRAIN_SETS);
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
        });
    }
}
