package io.livetally.report;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.livetally.common.SqlWhere;
import io.livetally.order.OrderExport;
import io.netty.buffer.ByteBuf;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * The orders export's CSV lines as PostgreSQL writes them: each order's line (its fields as {@link CsvTable} writes
 * the cells of {@code OrdersReport}'s row) selected as one {@code bytea}, so that the service decodes three values
 * per order instead of twenty and copies the line's bytes into the file. Byte for byte what the typed cells give
 * (OrderLinesTest compares both on awkward orders):
 * <ul>
 * <li>null as an empty field; labels (channel, buyer type, 是/否, status) from the same maps;</li>
 * <li>money as {@code numeric(12|14, 2)} prints it: the yuan, a point and two digits, as {@code money(fen)};</li>
 * <li>instants in the business time zone as {@code yyyy-MM-dd HH:mm:ss.SSSSSS}: in the walk's line the local
 * timestamp's ISO text, its fraction completed to six digits by the service; in the checked line to_char of the local
 * time (both the same for the years 1000–9999; the API takes orders of 2000–2200 only); a fixed-offset zone by its
 * offset as an interval (a text offset would be read as POSIX, west positive);</li>
 * <li>text as RFC 4180 quotes it — a field holding a comma, a quote, CR or LF quoted, its quotes doubled. The walk's
 * line is the plain one (every field as it is, no check: the check per row cost PostgreSQL up to a quarter of
 * its time for the export); the service checks it while it copies it ({@link #write}): only the free text fields can
 * hold a comma, a quote, CR or LF, so a line with exactly one comma fewer than fields and none of the others is the
 * line RFC 4180 writes. The few others are read again, quoted by PostgreSQL ({@link #checked}), by their ids in the
 * same transaction (same snapshot), one statement per batch that holds any.</li>
 * </ul>
 * The totals rows' sums are read from the line itself (quantity, amount and status are plain fields) or from the
 * checked read.
 */
final class OrderLines {

    /** The walk's columns: the plain line (no CRLF), and the keyset's. */
    static final int LINE = 0, PLACED_AT = 1, ID = 2;
    /** The checked read's columns. */
    private static final int CHECKED_ID = 0, CHECKED_LINE = 1, QUANTITY = 2, AMOUNT_FEN = 3, REFUNDED = 4;
    /** Fields (0-based) the sums read from a plain line, and its instants. */
    private static final int QUANTITY_FIELD = 9, AMOUNT_FIELD = 11, STATUS_FIELD = 15, PLACED_FIELD = 16,
            REFUNDED_FIELD = 17;
    /** Values {@link #plain} reads from a line. */
    private static final int PARSED = 6;
    private static final byte[] REFUNDED_LABEL = "已退款".getBytes(StandardCharsets.UTF_8);

    /** A text field holding one of these is quoted (a regular expression, as an SQL literal). */
    private static final String QUOTE_WHEN = "'[,\"\\r\\n]'";

    private OrderLines() {
    }

    /** The selection of the orders' plain lines, with the buyer's reference or without it, instants in {@code zone}. */
    static OrderExport.Selection selection(ZoneId zone, boolean buyerRefs) {
        return new OrderExport.Selection(where -> "textsend(" + line(fields(where, zone, buyerRefs, false), false)
                + "), o.placed_at, o.id", PLACED_AT, ID);
    }

    /**
     * The statement that reads the lines of some orders checked and quoted as RFC 4180 quotes them (CRLF included),
     * with what the sums need: the ids ({@code bigint[]}) and the span of their {@code placed_at} (so that only its
     * months are read) bound after the zone.
     */
    static OrderExport.Chunk checked(ZoneId zone, boolean buyerRefs, Long[] ids, OffsetDateTime from,
            OffsetDateTime to) {
        SqlWhere where = new SqlWhere();
        List<String[]> fields = fields(where, zone, buyerRefs, true);
        String anyFree = fields.stream().filter(f -> f[1] != null).map(f -> "coalesce(" + f[0] + ", '')")
                .collect(Collectors.joining(" || "));
        String line = "CASE WHEN " + anyFree + " ~ " + QUOTE_WHEN + " THEN " + line(fields, true) + " ELSE "
                + line(fields, false) + " END || E'\\r\\n'";
        where.all(n -> "o.id = ANY($" + n + ") AND o.placed_at BETWEEN $" + (n + 1) + " AND $" + (n + 2), ids, from,
                to);
        return new OrderExport.Chunk("SELECT o.id, textsend(" + line + "), o.quantity, (o.amount * 100)::int8,"
                + " o.status = 'REFUNDED' FROM sales_order o JOIN product p ON p.id = o.product_id" + where.sql(),
                where.tuple());
    }

    /**
     * The fields, free text marked (quoted when it needs it), as OrdersReport writes its cells; the instants as
     * {@code to_char} writes them when {@code complete}, else as the local timestamp's text (its fraction without
     * trailing zeros, none for a whole second; ISO style: the client's DateStyle, Vert.x's default, not overridden in
     * application.properties): the service completes it, {@link #write}; to_char cost PostgreSQL about a tenth of its
     * time for the export.
     */
    private static List<String[]> fields(SqlWhere where, ZoneId zone, boolean buyerRefs, boolean complete) {
        String at = zone instanceof ZoneOffset offset
                ? "($" + where.bind(offset.getTotalSeconds()) + "::int * interval '1 second')"
                : "$" + where.bind(zone.getId()) + "::text";
        List<String[]> fields = new ArrayList<>(List.of(
                plain("o.id::text"), free("o.platform"), free("o.external_id"),
                plain(label("o.channel", OrdersReport.CHANNELS)),
                plain("o.session_id::text"), plain("o.streamer_id::text"), plain("o.product_id::text"),
                free("p.name"), free("o.origin_region_code::text"), plain("o.quantity::text"),
                plain("o.unit_price::text"), plain("o.amount::text"), free("o.buyer_province::text"),
                plain(label("o.buyer_type", OrdersReport.BUYERS)),
                plain("CASE WHEN o.certified THEN '是' ELSE '否' END"),
                plain("CASE WHEN o.status = 'REFUNDED' THEN '已退款' ELSE '已支付' END"),
                plain(instant("o.placed_at", at, complete)), plain(instant("o.refunded_at", at, complete)),
                plain("CASE WHEN o.price_alert THEN '是' ELSE '否' END")));
        if (buyerRefs) {
            fields.add(free("o.buyer_ref"));
        }
        return fields;
    }

    private static String line(List<String[]> fields, boolean quoted) {
        return fields.stream().map(f -> "coalesce(" + (quoted && f[1] != null ? quote(f[0]) : f[0]) + ", '')")
                .collect(Collectors.joining(" || ',' || "));
    }

    /**
     * Writes a batch of the walk's rows (lines of {@code fields} fields) to the table, each checked: a line that needs
     * quoting is replaced by its checked line, read by {@code lookup} (one statement for the batch); adds each
     * order to {@code sums} (orders, items, amount, refunded orders, refunded amount in fen).
     */
    static void write(RowSet<Row> rows, OrderExport.Lookup lookup, CsvTable csv, long[] sums, ZoneId zone,
            boolean buyerRefs) throws Exception {
        int commas = buyerRefs ? 19 : 18;
        // quantity, amount (fen), refunded (1), where the two instants end of each row; a row whose line needs
        // quoting: -1 in the first
        long[] parsed = new long[PARSED * rows.size()];
        List<Long> odd = null;
        OffsetDateTime from = null;
        OffsetDateTime to = null;
        int i = 0;
        for (Row r : rows) {
            if (!plain(r.getBuffer(LINE).getByteBuf(), commas, parsed, PARSED * i)) {
                parsed[PARSED * i] = -1;
                if (odd == null) {
                    odd = new ArrayList<>();
                }
                odd.add(r.getLong(ID));
                OffsetDateTime at = r.getOffsetDateTime(PLACED_AT);
                from = from == null || at.isBefore(from) ? at : from;
                to = to == null || at.isAfter(to) ? at : to;
            }
            i++;
        }
        Map<Long, Row> checked = Map.of();
        if (odd != null) {
            OrderExport.Chunk read = checked(zone, buyerRefs, odd.toArray(Long[]::new), from, to);
            checked = new HashMap<>();
            for (Row r : lookup.query(read.sql(), read.parameters())) {
                checked.put(r.getLong(CHECKED_ID), r);
            }
        }
        i = 0;
        for (Row r : rows) {
            int at = PARSED * i;
            if (parsed[at] < 0) {
                Row c = checked.get(r.getLong(ID));
                if (c == null) {
                    throw new IllegalStateException("order " + r.getLong(ID) + " was not read again");
                }
                csv.line(c.getBuffer(CHECKED_LINE));
                OrdersReport.sum(sums, c.getInteger(QUANTITY), c.getLong(AMOUNT_FEN), c.getBoolean(REFUNDED));
            } else {
                // the line, each instant's fraction completed to six digits
                io.vertx.core.buffer.Buffer line = r.getBuffer(LINE);
                int placedEnd = (int) parsed[at + 3];
                int refundedEnd = (int) parsed[at + 4];
                csv.line(line, 0, placedEnd);
                csv.fraction(placedEnd - (int) parsed[at + 5]);
                csv.line(line, placedEnd, refundedEnd);
                csv.fraction(refundedEnd - placedEnd - 1);
                csv.line(line, refundedEnd, line.length());
                csv.end();
                OrdersReport.sum(sums, (int) parsed[at], parsed[at + 1], parsed[at + 2] != 0);
            }
            i++;
        }
    }

    /**
     * Whether the plain line is the line RFC 4180 writes: exactly {@code commas} commas and no quote, CR or LF (only
     * the free text fields can hold any: a field holding one would add a comma or show the others). If so, its
     * quantity, amount (fen), whether it is refunded (1), where the instants end and where the first starts into
     * {@code parsed} from {@code at}.
     */
    static boolean plain(ByteBuf line, int commas, long[] parsed, int at) {
        byte[] bytes;
        int from;
        int to;
        if (line.hasArray()) {
            bytes = line.array();
            from = line.arrayOffset() + line.readerIndex();
        } else {
            bytes = new byte[line.readableBytes()];
            line.getBytes(line.readerIndex(), bytes);
            from = 0;
        }
        to = from + line.readableBytes();
        int field = 0;
        int start = from;
        long quantity = 0;
        long amount = 0;
        boolean refunded = false;
        int placedStart = 0;
        int placedEnd = 0;
        int refundedEnd = 0;
        for (int i = from; i <= to; i++) {
            byte b = i < to ? bytes[i] : (byte) ',';
            if (b == ',') {
                switch (field) {
                    case QUANTITY_FIELD -> quantity = number(bytes, start, i);
                    case AMOUNT_FIELD -> amount = number(bytes, start, i);
                    case STATUS_FIELD -> refunded = java.util.Arrays.equals(bytes, start, i, REFUNDED_LABEL, 0,
                            REFUNDED_LABEL.length);
                    case PLACED_FIELD -> {
                        placedStart = start - from;
                        placedEnd = i - from;
                    }
                    case REFUNDED_FIELD -> refundedEnd = i - from;
                    default -> {
                    }
                }
                field++;
                start = i + 1;
            } else if (b == '"' || b == '\r' || b == '\n') {
                return false;
            }
        }
        if (field != commas + 1) {
            return false;
        }
        parsed[at] = quantity;
        parsed[at + 1] = amount;
        parsed[at + 2] = refunded ? 1 : 0;
        parsed[at + 3] = placedEnd;
        parsed[at + 4] = refundedEnd;
        parsed[at + 5] = placedStart;
        return true;
    }

    /** The digits of a plain number between {@code from} and {@code to}, a decimal point skipped (money: fen). */
    private static long number(byte[] bytes, int from, int to) {
        boolean negative = from < to && bytes[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            if (bytes[i] != '.') {
                value = value * 10 + (bytes[i] - '0');
            }
        }
        return negative ? -value : value;
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

    private static String instant(String column, String at, boolean complete) {
        return complete ? "to_char(" + column + " AT TIME ZONE " + at + ", 'YYYY-MM-DD HH24:MI:SS.US')"
                : "(" + column + " AT TIME ZONE " + at + ")::text";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
