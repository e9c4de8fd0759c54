package io.livetally.analytics;

import io.livetally.common.Granularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.livetally.common.InvalidInputException;

class PeriodPlanTest {

    private static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));
    private static final List<Grain> HDM = List.of(Grain.HOUR, Grain.DAY, Grain.MONTH);

    private static Piece piece(Grain grain, String start, String end) {
        return new Piece(grain, Instant.parse(start), Instant.parse(end));
    }

    @Test
    void aRaggedYearIsMonthsInTheMiddleThenDaysThenHoursThenRawEdges() {
        // 2024-03-05 13:27:11 to 2025-02-11 08:12:00, Shanghai time (UTC+8)
        List<Piece> pieces = PeriodPlan.pieces(Instant.parse("2024-03-05T05:27:11Z"), Instant.parse("2025-02-11T00:12:00Z"),
                HDM, SHANGHAI);

        assertThat(pieces).containsExactly(
                piece(Grain.RAW, "2024-03-05T05:27:11Z", "2024-03-05T06:00:00Z"),
                piece(Grain.HOUR, "2024-03-05T06:00:00Z", "2024-03-05T16:00:00Z"),
                piece(Grain.DAY, "2024-03-05T16:00:00Z", "2024-03-31T16:00:00Z"),
                piece(Grain.MONTH, "2024-03-31T16:00:00Z", "2025-01-31T16:00:00Z"),
                piece(Grain.DAY, "2025-01-31T16:00:00Z", "2025-02-10T16:00:00Z"),
                piece(Grain.HOUR, "2025-02-10T16:00:00Z", "2025-02-11T00:00:00Z"),
                piece(Grain.RAW, "2025-02-11T00:00:00Z", "2025-02-11T00:12:00Z"));
    }

    @Test
    void withoutHoursTheRawEdgesReachTheDayBoundaries() {
        List<Piece> pieces = PeriodPlan.pieces(Instant.parse("2024-03-05T05:27:11Z"), Instant.parse("2024-05-11T00:12:00Z"),
                List.of(Grain.DAY, Grain.MONTH), SHANGHAI);

        assertThat(pieces).extracting(Piece::grain)
                .containsExactly(Grain.RAW, Grain.DAY, Grain.MONTH, Grain.DAY, Grain.RAW);
        assertThat(pieces.get(0).end()).isEqualTo(Instant.parse("2024-03-05T16:00:00Z"));
    }

    @Test
    void anAlignedBusinessMonthIsOneMonthPiece() {
        assertThat(PeriodPlan.pieces(Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-03-31T16:00:00Z"), HDM,
                SHANGHAI)).containsExactly(piece(Grain.MONTH, "2024-02-29T16:00:00Z", "2024-03-31T16:00:00Z"));
    }

    @Test
    void lessThanAnHourIsRawAndAnEmptyPeriodHasNoPieces() {
        assertThat(PeriodPlan.pieces(Instant.parse("2024-03-05T05:27:11Z"), Instant.parse("2024-03-05T05:59:59Z"), HDM,
                SHANGHAI)).containsExactly(piece(Grain.RAW, "2024-03-05T05:27:11Z", "2024-03-05T05:59:59Z"));
        Instant t = Instant.parse("2024-03-05T05:27:11Z");
        assertThat(PeriodPlan.pieces(t, t, HDM, SHANGHAI)).isEmpty();
    }

    @Test
    void daySlotsShareOnePieceOfWholeDaysAndMinuteSlotsOneRawPiece() {
        Instant from = Instant.parse("2024-03-01T16:00:00Z");
        Instant to = Instant.parse("2024-03-04T16:00:00Z");
        List<Instant> days = List.of(from, Instant.parse("2024-03-02T16:00:00Z"), Instant.parse("2024-03-03T16:00:00Z"));
        assertThat(PeriodPlan.pieces(days, to, HDM, SHANGHAI)).containsExactly(new Piece(Grain.DAY, from, to));

        Instant start = Instant.parse("2024-03-01T10:00:30Z");
        List<Instant> minutes = List.of(start, Instant.parse("2024-03-01T10:01:00Z"), Instant.parse("2024-03-01T10:02:00Z"));
        Instant end = Instant.parse("2024-03-01T10:02:10Z");
        assertThat(PeriodPlan.pieces(minutes, end, HDM, SHANGHAI)).containsExactly(new Piece(Grain.RAW, start, end));
    }

    @Test
    void slotsCountCalendarBucketsAndRefuseTooManyOfThem() {
        Period period = Period.of(Instant.parse("2024-03-05T05:27:11Z"), Instant.parse("2024-03-07T00:00:00Z"), SHANGHAI);
        Slots slots = Slots.of(period, Granularity.DAY, SHANGHAI);

        assertThat(slots.labels()).containsExactly(Instant.parse("2024-03-04T16:00:00Z"),
                Instant.parse("2024-03-05T16:00:00Z"), Instant.parse("2024-03-06T16:00:00Z"));
        assertThat(slots.starts().get(0)).isEqualTo(period.start());
        Period week = Period.of(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-08T00:00:00Z"), SHANGHAI);
        assertThatThrownBy(() -> Slots.of(week, Granularity.MINUTE, SHANGHAI)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void periodsRefuseFromAfterToAndBoundOpenEnds() {
        assertThatThrownBy(() -> Period.of(Instant.parse("2024-03-02T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z"),
                SHANGHAI)).isInstanceOf(InvalidInputException.class);
        Period open = Period.of(null, null, SHANGHAI);
        assertThat(open.from()).isNull();
        assertThat(open.start()).isEqualTo(Instant.parse("1999-12-31T16:00:00Z"));
        assertThat(Period.of(Instant.parse("2024-03-01T00:00:00.0000001Z"), null, SHANGHAI).start())
                .isEqualTo(Instant.parse("2024-03-01T00:00:00.000001Z"));
    }

    @Test
    void aZoneThatChangesItsOffsetIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(ZoneId.of("Europe/Berlin")))
                .hasMessageContaining("Europe/Berlin");
    }
}
