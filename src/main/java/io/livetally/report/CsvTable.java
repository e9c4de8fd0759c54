package io.livetally.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (CRLF line ends, a field quoted when it holds a comma, a quote or a line break, quotes
 * doubled), in UTF-8 with a byte order mark so that Excel shows Chinese. One table only. Instants are written in the
 * business time zone as {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, money as plain decimals.
 */
final class CsvTable implements Table {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Writer out;
    private final ZoneId zone;
    private boolean started;

    CsvTable(OutputStream stream, ZoneId zone) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.zone = zone;
        out.write('\uFEFF');
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
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i)));
        }
        out.write("\r\n");
    }

    private String field(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof Instant instant) {
            text = LOCAL.format(instant.atZone(zone));
        } else {
            text = value.toString();
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
