package io.livetally.report;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A table an export writes row by row, whatever the file format: one or more sheets (CSV holds one), each a header
 * row and then rows of values (String, BigDecimal, Long/Integer, Double, Boolean, Instant, LocalDate or null), or
 * rows of typed cells (no list, no boxing) for exports of millions of rows.
 */
interface Table extends AutoCloseable {

    /** Starts a sheet (named as Excel shows it) with its header row. */
    void sheet(String name, List<String> header) throws IOException;

    void row(List<?> values) throws IOException;

    /** The next row, written cell by cell: each method writes the next cell, {@link Cells#end()} ends the row. */
    Cells cells();

    /** Completes the file; nothing is written after it. */
    @Override
    void close() throws IOException;

    /** The cells of one row, left to right. */
    interface Cells {
        /** Text; null writes an empty cell. */
        Cells text(String text) throws IOException;

        Cells number(long number) throws IOException;

        /** A number of fen written as yuan with two decimals (a money cell). */
        Cells money(long fen) throws IOException;

        /** An instant (null: an empty cell), shown in the business time zone. */
        Cells instant(OffsetDateTime instant) throws IOException;

        Cells empty() throws IOException;

        void end() throws IOException;
    }
}
