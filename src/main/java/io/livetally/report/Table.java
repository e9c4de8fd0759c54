package io.livetally.report;

import java.io.IOException;
import java.util.List;

/**
 * A table an export writes row by row, whatever the file format: one or more sheets (CSV holds one), each a header
 * row and then rows of values (String, BigDecimal, Long/Integer, Double, Boolean, Instant, LocalDate or null).
 */
interface Table extends AutoCloseable {

    /** Starts a sheet (named as Excel shows it) with its header row. */
    void sheet(String name, List<String> header) throws IOException;

    void row(List<?> values) throws IOException;

    /** Completes the file; nothing is written after it. */
    @Override
    void close() throws IOException;
}
