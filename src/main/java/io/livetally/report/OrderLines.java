package io.livetally.report;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.livetally.common.SqlWhere;
import io.livetally.order.OrderExport;

/**
 * The orders export's CSV lines as PostgreSQL writes them: each order's whole line (its fields as {@link CsvTable}
 * writes the cells of {@code OrdersReport}'s row, CRLF included) selected as one {@code bytea}, so that the service
 * decodes one value per order instead of twenty (the largest cost of the export, on the event loop) and copies its
 * bytes into the file. Byte for byte what the typed cells give (OrdersCsvTest compares both on awkward orders):
 * <ul>
 * <li>text as RFC 4180 quotes it — a field holding a comma, a quote, CR or LF quoted, its quotes doubled; the check
 * runs once per row over the free text fields together (a row with none, nearly all, takes the plain line);</li>
 * <li>null as an empty field; labels (channel, buyer type, 是/否, status) from the same maps;</li>
 * <li>money as {@code numeric(12|14, 2)} prints it: the yuan, a point and two digits, as {@code money(fen)};</li>
 * <li>instants in the business time zone as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} (to_char of the local time: the same
 * for the years 1000–9999; the API takes orders of 2000–2200 only); a fixed-offset zone by its offset as an interval
 * (a text offset would be read as POSIX, west positive).</li>
 * </ul>
 * Columns: the line, then what the totals rows and the keyset walk need.
 */
final class OrderLines {

    static final int LINE = 0, QUANTITY = 1, AMOUNT_FEN = 2, REFUNDED = 3, PLACED_AT = 4, ID = 5;

    /** A text field holding one of these is quoted (a regular expression, as an SQL literal). */
    private static final String QUOTE_WHEN = "'[,\"\\r\\n]'";

    private OrderLines() {
    }

    /** The selection of the orders' lines, with the buyer's reference or without it, instants in {@code zone}. */
    static OrderExport.Selection selection(ZoneId zone, boolean buyerRefs) {
        return new OrderExport.Selection(where -> columns(where, zone, buyerRefs), PLACED_AT, ID);
    }

    private static String columns(SqlWhere where, ZoneId zone, boolean buyerRefs) {
        String at = zone instanceof ZoneOffset offset
                ? "($" + where.bind(offset.getTotalSeconds()) + "::int * interval '1 second')"
                : "$" + where.bind(zone.getId()) + "::text";
        // the fields, free text marked (quoted when it needs it), as OrdersReport writes its cells
        List<String[]> fields = new ArrayList<>(List.of(
                plain("o.id::text"), free("o.platform"), free("o.external_id"),
                plain(label("o.channel", OrdersReport.CHANNELS)),
                plain("o.session_id::text"), plain("o.streamer_id::text"), plain("o.product_id::text"),
                free("p.name"), free("o.origin_region_code::text"), plain("o.quantity::text"),
                plain("o.unit_price::text"), plain("o.amount::text"), free("o.buyer_province::text"),
                plain(label("o.buyer_type", OrdersReport.BUYERS)),
                plain("CASE WHEN o.certified THEN '是' ELSE '否' END"),
                plain("CASE WHEN o.status = 'REFUNDED' THEN '已退款' ELSE '已支付' END"),
                plain(instant("o.placed_at", at)), plain(instant("o.refunded_at", at)),
                plain("CASE WHEN o.price_alert THEN '是' ELSE '否' END")));
        if (buyerRefs) {
            fields.add(free("o.buyer_ref"));
        }
        String anyFree = fields.stream().filter(f -> f[1] != null).map(f -> "coalesce(" + f[0] + ", '')")
                .collect(Collectors.joining(" || "));
        String line = "CASE WHEN " + anyFree + " ~ " + QUOTE_WHEN + " THEN " + line(fields, true) + " ELSE "
                + line(fields, false) + " END";
        return "textsend(" + line + "), o.quantity, (o.amount * 100)::int8, o.status = 'REFUNDED', o.placed_at, o.id";
    }

    private static String line(List<String[]> fields, boolean quoted) {
        return fields.stream().map(f -> "coalesce(" + (quoted && f[1] != null ? quote(f[0]) : f[0]) + ", '')")
                .collect(Collectors.joining(" || ',' || ")) + " || E'\\r\\n'";
    }

    private static String quote(String field) {
        return "CASE WHEN " + field + " ~ " + QUOTE_WHEN + " THEN '\"' || replace(" + field + ", '\"', '\"\"') || '\"'"
                + " ELSE " + field + " END";
    }

    private static String[] plain(String expression) {
        return new String[] {expression, null};
    }

    private static String[] free(String expression) {
        return new String[] {expression, "free"};
    }

    private static String label(String column, Map<String, String> labels) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        labels.forEach((name, text) -> sql.append(" WHEN ").append(literal(name)).append(" THEN ")
                .append(literal(text)));
        return sql.append(" END").toString();
    }

    private static String instant(String column, String at) {
        return "to_char(" + column + " AT TIME ZONE " + at + ", 'YYYY-MM-DD HH24:MI:SS.US')";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
