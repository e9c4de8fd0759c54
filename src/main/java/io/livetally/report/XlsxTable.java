package io.livetally.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An XLSX workbook written as it goes (fastexcel): rows are flushed to the stream every {@value #FLUSH_EVERY}
 * rows and text is written inline rather than into a shared-strings table, so memory stays flat however many rows a
 * sheet has. Numbers are numeric cells (money with two decimals), instants date-time cells in the business time zone.
 */
final class XlsxTable implements Table, Table.Cells {

    static final int FLUSH_EVERY = 1000;
    private static final String MONEY = "#,##0.00";
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";
    private static final String DATE = "yyyy-mm-dd";

    private final Workbook workbook;
    private final ZoneId zone;
    private Worksheet sheet;
    private int row;
    private int columns;
    private int cell;

    XlsxTable(OutputStream stream, ZoneId zone) {
        this.workbook = new Workbook(stream, "livetally", "1.0");
        this.zone = zone;
    }

    @Override
    public void sheet(String name, List<String> header) throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheet = workbook.newWorksheet(name);
        row = 0;
        columns = header.size();
        for (int c = 0; c < header.size(); c++) {
            sheet.inlineString(0, c, header.get(c));
            sheet.style(0, c).bold().set();
            sheet.width(c, Math.max(10, Math.min(40, header.get(c).length() * 2.2 + 2)));
        }
        sheet.freezePane(0, 1);
        row = 1;
    }

    @Override
    public void row(List<?> values) throws IOException {
        for (int c = 0; c < values.size(); c++) {
            cell(c, values.get(c));
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public Cells cells() {
        return this;
    }

    @Override
    public Cells text(String text) {
        cell(cell++, text);
        return this;
    }

    @Override
    public Cells number(long number) {
        sheet.value(row, cell++, number);
        return this;
    }

    @Override
    public Cells money(long fen) {
        cell(cell++, BigDecimal.valueOf(fen, 2));
        return this;
    }

    @Override
    public Cells instant(OffsetDateTime instant) {
        cell(cell++, instant == null ? null : instant.toInstant());
        return this;
    }

    @Override
    public Cells empty() {
        cell++;
        return this;
    }

    @Override
    public void end() throws IOException {
        cell = 0;
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    private void cell(int c, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal decimal) {
            sheet.value(row, c, decimal);
            if (decimal.scale() == 2) {
                sheet.style(row, c).format(MONEY).set();
            }
        } else if (value instanceof Number number) {
            sheet.value(row, c, number);
        } else if (value instanceof Boolean bool) {
            sheet.value(row, c, bool);
        } else if (value instanceof Instant instant) {
            sheet.value(row, c, instant.atZone(zone).toLocalDateTime());
            sheet.style(row, c).format(DATE_TIME).set();
        } else if (value instanceof LocalDate date) {
            sheet.value(row, c, date);
            sheet.style(row, c).format(DATE).set();
        } else {
            sheet.inlineString(row, c, value.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        workbook.finish();
    }

    int columns() {
        return columns;
    }
}
