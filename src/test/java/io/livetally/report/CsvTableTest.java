package io.livetally.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV writer's own formatting (digits, money, instants from a cached day and offset, quoting) against the JDK's
 * formatter and a real CSV parser, across time zone transitions (Shanghai's summer time of 1986–1991, Paris').
 */
class CsvTableTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static List<CSVRecord> write(ZoneId zone, Writer rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvTable table = new CsvTable(out, zone);
        rows.write(table);
        table.close();
        byte[] file = out.toByteArray();
        assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(
                new String(file, 3, file.length - 3, StandardCharsets.UTF_8)))) {
            return parser.getRecords();
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(CsvTable table) throws Exception;
    }

    @Test
    void instantsAreTheJdksInTheZoneAcrossItsTransitions() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        for (ZoneId zone : List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Paris"))) {
            // newest first, as the export walks them: minutes to hours apart, sometimes the same second
            List<OffsetDateTime> instants = new ArrayList<>();
            long micros = Instant.parse("1993-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
            while (micros > Instant.parse("1985-01-01T00:00:00Z").getEpochSecond() * 1_000_000L) {
                instants.add(Instant.EPOCH.plusNanos(micros * 1000).atOffset(ZoneOffset.UTC));
                micros -= random.nextInt(5) == 0 ? random.nextInt(1000) : (long) random.nextInt(6 * 3600) * 1_000_000L
                        + random.nextInt(1_000_000);
            }
            List<CSVRecord> records = write(zone, table -> {
                for (OffsetDateTime instant : instants) {
                    table.cells().instant(instant).instant(null).end();
                }
            });
            for (int i = 0; i < instants.size(); i++) {
                assertThat(records.get(i).get(0)).as("seed " + seed + ", " + zone + ", " + instants.get(i))
                        .isEqualTo(LOCAL.format(instants.get(i).atZoneSameInstant(zone)));
                assertThat(records.get(i).get(1)).isEmpty();
            }
        }
    }

    @Test
    void numbersMoneyAndTextAreWrittenAsRfc4180ReadsThem() throws Exception {
        List<CSVRecord> records = write(ZoneId.of("Asia/Shanghai"), table -> {
            table.sheet("t", List.of("a", "b"));
            table.cells().number(0).number(-42).number(Long.MIN_VALUE).number(Long.MAX_VALUE).money(0).money(5)
                    .money(1230).money(-101).money(123_456_789_012L).end();
            table.cells().text("巫溪县, \"老鹰茶\"").text("line\r\nbreak").text(null).empty().text("").text("ok").end();
            table.row(java.util.Arrays.asList(new java.math.BigDecimal("12.30"), 7, 8L, null, true,
                    Instant.parse("2025-03-07T05:44:05.000001Z")));
        });
        assertThat(records.get(0).toList()).containsExactly("a", "b");
        assertThat(records.get(1).toList()).containsExactly("0", "-42", String.valueOf(Long.MIN_VALUE),
                String.valueOf(Long.MAX_VALUE), "0.00", "0.05", "12.30", "-1.01", "1234567890.12");
        assertThat(records.get(2).toList()).containsExactly("巫溪县, \"老鹰茶\"", "line\r\nbreak", "", "", "", "ok");
        assertThat(records.get(3).toList()).containsExactly("12.30", "7", "8", "", "true",
                "2025-03-07 13:44:05.000001");
    }

    @Test
    void textIsWrittenInTheBytesTheJdkEncodesUtf8With() throws Exception {
        // one, two, three and four UTF-8 bytes, a lone surrogate (the JDK writes '?'), quoting, and a field larger
        // than the writer's buffer
        List<String> texts = List.of("bench", "é ü", "奉节脐橙", "老鹰茶 🍵", "a\uD800b", "x\uDC00", "\"q\",\"",
                "长".repeat(30_000) + ",", "c".repeat(70_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvTable table = new CsvTable(out, ZoneId.of("Asia/Shanghai"));
        for (String text : texts) {
            table.cells().text(text).end();
        }
        table.close();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        for (String text : texts) {
            boolean quoted = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
            expected.write((quoted ? '"' + text.replace("\"", "\"\"") + '"' : text).getBytes(StandardCharsets.UTF_8));
            expected.write(new byte[] {'\r', '\n'});
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
