package io.livetally.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;

import io.livetally.security.Scope;
import io.smallrye.mutiny.Uni;

/** A prepared export: checked, authorized, its figures read; it writes its rows (blocking) into a table. */
interface Export {

    /** The file's name as the user sees it (Chinese allowed), without the extension. */
    String filename();

    void write(Table table) throws Exception;

    /** A report: reads and checks its parameters for the caller and prepares its export. */
    @FunctionalInterface
    interface Report {
        Uni<Export> prepare(Scope scope, ExportParameters parameters, Format format);
    }

    /** The file formats. */
    enum Format {
        CSV("csv", "text/csv; charset=UTF-8"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        Table open(OutputStream stream, ZoneId zone) throws IOException {
            return this == CSV ? new CsvTable(stream, zone) : new XlsxTable(stream, zone);
        }
    }
}
