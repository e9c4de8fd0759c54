package io.livetally.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (CRLF line ends, a field quoted when it holds a comma, a quote or a line break, quotes
 * doubled), in UTF-8 with a byte order mark so that Excel shows Chinese. One table only. Instants are written in the
 * business time zone as {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, money as plain decimals. Written as bytes into its own
 * buffer (numbers as digits, instants from a cached date and the zone's offset until its next transition), since an
 * export of the orders writes millions of rows through it.
 */
final class CsvTable implements Table, Table.Cells {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd ");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OutputStream out;
    private final ZoneRules rules;
    private final byte[] buffer = new byte[64 * 1024];
    private int size;
    private boolean started;
    private boolean first = true;
    // the zone's offset from offsetFrom (inclusive) to offsetUntil (exclusive), in epoch seconds
    private long offsetFrom = Long.MAX_VALUE;
    private long offsetUntil = Long.MIN_VALUE;
    private int offset;
    private long day = Long.MIN_VALUE;
    private byte[] dayText;

    CsvTable(OutputStream stream, ZoneId zone) throws IOException {
        this.out = stream;
        this.rules = zone.getRules();
        bytes(BOM);
    }

    @Override
    public void sheet(String name, List<String> header) throws IOException {
        if (started) {
            throw new IllegalStateException("a CSV file holds one table");
        }
        started = true;
        row(header);
    }

    @Override
    public void row(List<?> values) throws IOException {
        for (Object value : values) {
            if (value == null) {
                empty();
            } else if (value instanceof BigDecimal decimal) {
                text(decimal.toPlainString());
            } else if (value instanceof Long || value instanceof Integer) {
                number(((Number) value).longValue());
            } else if (value instanceof Instant instant) {
                instant(instant.atOffset(java.time.ZoneOffset.UTC));
            } else {
                text(value.toString());
            }
        }
        end();
    }

    @Override
    public Cells cells() {
        return this;
    }

    private void separate() throws IOException {
        if (first) {
            first = false;
        } else {
            room(1);
            buffer[size++] = ',';
        }
    }

    @Override
    public Cells empty() throws IOException {
        separate();
        return this;
    }

    @Override
    public Cells text(String text) throws IOException {
        separate();
        if (text == null) {
            return this;
        }
        // one pass for the UTF-8 length and the quoting (a comma, a quote or a line break: quoted, quotes doubled),
        // one to encode straight into the buffer: no byte[] per cell (an export writes millions of them)
        int length = text.length();
        int utf8 = 0;
        int quotes = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                utf8++;
                if (c == ',' || c == '\n' || c == '\r') {
                    quotes = Math.max(quotes, 0);
                } else if (c == '"') {
                    quotes = Math.max(quotes, 0) + 1;
                }
            } else if (c < 0x800) {
                utf8 += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                utf8 += 4;
                i++;
            } else {
                // a lone surrogate is written as '?', as String.getBytes writes it
                utf8 += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        int total = quotes < 0 ? utf8 : utf8 + quotes + 2;
        if (total > buffer.length) {
            bytes((quotes < 0 ? text : '"' + text.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8));
            return this;
        }
        room(total);
        if (quotes >= 0) {
            buffer[size++] = '"';
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[size++] = (byte) c;
                if (c == '"') {
                    buffer[size++] = '"';
                }
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | c >> 6);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                buffer[size++] = (byte) (0xF0 | point >> 18);
                buffer[size++] = (byte) (0x80 | point >> 12 & 0x3F);
                buffer[size++] = (byte) (0x80 | point >> 6 & 0x3F);
                buffer[size++] = (byte) (0x80 | point & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buffer[size++] = '?';
            } else {
                buffer[size++] = (byte) (0xE0 | c >> 12);
                buffer[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        if (quotes >= 0) {
            buffer[size++] = '"';
        }
        return this;
    }

    @Override
    public Cells number(long number) throws IOException {
        separate();
        digits(number);
        return this;
    }

    @Override
    public Cells money(long fen) throws IOException {
        separate();
        room(24);
        if (fen < 0) {
            buffer[size++] = '-';
            fen = -fen;
        }
        digits(fen / 100);
        buffer[size++] = '.';
        int cents = (int) (fen % 100);
        buffer[size++] = (byte) ('0' + cents / 10);
        buffer[size++] = (byte) ('0' + cents % 10);
        return this;
    }

    @Override
    public Cells instant(OffsetDateTime instant) throws IOException {
        separate();
        if (instant == null) {
            return this;
        }
        long second = instant.toEpochSecond();
        if (second < offsetFrom || second >= offsetUntil) {
            offsetAt(second);
        }
        long local = second + offset;
        long localDay = Math.floorDiv(local, 86_400);
        if (localDay != day) {
            day = localDay;
            dayText = DAY.format(LocalDate.ofEpochDay(localDay)).getBytes(StandardCharsets.US_ASCII);
        }
        int s = (int) Math.floorMod(local, 86_400);
        int micros = instant.getNano() / 1000;
        room(dayText.length + 15);
        System.arraycopy(dayText, 0, buffer, size, dayText.length);
        size += dayText.length;
        two(s / 3600);
        buffer[size++] = ':';
        two(s / 60 % 60);
        buffer[size++] = ':';
        two(s % 60);
        buffer[size++] = '.';
        for (int divisor = 100_000; divisor > 0; divisor /= 10) {
            buffer[size++] = (byte) ('0' + micros / divisor % 10);
        }
        return this;
    }

    /** The zone's offset at {@code second}, and the seconds it holds for: from its transition to the next. */
    private void offsetAt(long second) {
        Instant at = Instant.ofEpochSecond(second);
        offset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition previous = rules.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        offsetFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    }

    private void two(int value) {
        buffer[size++] = (byte) ('0' + value / 10);
        buffer[size++] = (byte) ('0' + value % 10);
    }

    private void digits(long number) throws IOException {
        room(20);
        if (number < 0) {
            if (number == Long.MIN_VALUE) {
                bytes(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            buffer[size++] = '-';
            number = -number;
        }
        int length = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = size + length - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        size += length;
    }

    /**
     * A whole line already written as this table writes its rows (UTF-8, CRLF at its end), e.g. by PostgreSQL
     * ({@link OrderLines}), copied as it is.
     */
    void line(io.vertx.core.buffer.Buffer line) throws IOException {
        int length = line.length();
        if (length > buffer.length) {
            bytes(line.getBytes());
            return;
        }
        room(length);
        line.getBytes(0, length, buffer, size);
        size += length;
    }

    /** Bytes {@code from} to {@code to} of a line already written as this table writes its rows, copied as they are. */
    void line(io.vertx.core.buffer.Buffer line, int from, int to) throws IOException {
        int length = to - from;
        if (length > buffer.length) {
            bytes(line.getBytes(from, to));
            return;
        }
        room(length);
        line.getBytes(from, to, buffer, size);
        size += length;
    }

    /**
     * Completes the fraction of an instant just copied whose text was {@code length} bytes long as PostgreSQL writes a
     * timestamp ({@code yyyy-MM-dd HH:mm:ss}, then a point and the fraction without its trailing zeros, if any) to
     * six digits, as {@link #instant} writes it; nothing for an empty field (null).
     */
    void fraction(int length) throws IOException {
        if (length <= 0) {
            return;
        }
        room(7);
        if (length == 19) {
            buffer[size++] = '.';
            length++;
        }
        for (; length < 26; length++) {
            buffer[size++] = '0';
        }
    }

    @Override
    public void end() throws IOException {
        room(2);
        buffer[size++] = '\r';
        buffer[size++] = '\n';
        first = true;
    }

    private void bytes(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length) {
            flushBuffer();
            out.write(bytes);
            return;
        }
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void room(int bytes) throws IOException {
        if (size + bytes > buffer.length) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, size);
        size = 0;
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.flush();
    }
}
