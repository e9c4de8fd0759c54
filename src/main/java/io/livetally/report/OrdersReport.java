package io.livetally.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.analytics.BusinessCalendar;
import io.livetally.common.Ids;
import io.livetally.order.Channel;
import io.livetally.order.OrderExport;
import io.livetally.order.OrderFilter;
import io.livetally.order.OrderStatus;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;

/**
 * /reports/orders: the orders list with OrderFilter's fields as parameters, narrowed as {@code orders(filter)} is
 * (a host: their own sessions' orders; an official: products originating in their subtree), newest first, streamed
 * a chunk at a time from one snapshot ({@link OrderExport}), then totals rows (orders, items and amount; the
 * refunded ones). The buyer's reference (a platform's buyer id) is shown to admins and officials only: a host's
 * export has none.
 */
@ApplicationScoped
class OrdersReport implements Export.Report {

    static final Set<String> PARAMETERS = Set.of("sessionId", "streamerId", "regionCode", "channel", "status",
            "priceAlert", "from", "to");
    /**
     * Rows per statement of the keyset walk (planned once per chunk, bounded by the statement timeout); memory is
     * bounded by {@link OrderExport#FETCH}, the rows fetched and handed over at once, not by this. Between two chunks
     * the pipeline stops (the next statement is bound from the last row of this one): 100,000 rows make ten such
     * stops for 1M orders instead of fifty, and a 100,000-row chunk of a walk by time reads in well under a second.
     */
    static final int CHUNK = 100_000;
    private static final String REFUNDED = OrderStatus.REFUNDED.name();
    /** The labels by the database's names (no enum look-up per row). */
    static final Map<String, String> CHANNELS = labels(Columns.CHANNELS);
    static final Map<String, String> BUYERS = labels(Columns.BUYERS);

    private final Access access;
    private final OrderExport orders;
    private final BusinessCalendar calendar;

    OrdersReport(Access access, OrderExport orders, BusinessCalendar calendar) {
        this.access = access;
        this.orders = orders;
        this.calendar = calendar;
    }

    private static Map<String, String> labels(Map<? extends Enum<?>, String> labels) {
        Map<String, String> byName = new HashMap<>();
        labels.forEach((value, label) -> byName.put(value.name(), label));
        return Map.copyOf(byName);
    }

    @Override
    public Uni<Export> prepare(Scope scope, ExportParameters p, Export.Format format) {
        OrderFilter filter = new OrderFilter(p.text("sessionId"), p.text("streamerId"), p.text("regionCode"),
                p.enumValue("channel", Channel.class), p.enumValue("status", OrderStatus.class), p.bool("priceAlert"),
                p.instant("from"), p.instant("to"));
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw new io.livetally.common.InvalidInputException("from must not be after to");
        }
        if (!scope.admin() && !scope.official() && !scope.host()) {
            throw new ForbiddenException("only admins, officials and hosts export orders");
        }
        Long streamerId = filter.streamerId() == null ? null : Ids.parse(filter.streamerId()).orElse(-1L);
        // as orders(filter): explicit arguments outside the scope are refused, the rest is narrowed in SQL
        String label = scope.admin() ? "全部" : scope.official() ? scope.regionCode() : "主播" + scope.streamerId();
        return access.arguments(scope, Visibility.ORDERS, filter.regionCode(), streamerId)
                .map(ignored -> export(scope, filter, !scope.host(), label));
    }

    private Export export(Scope scope, OrderFilter filter, boolean buyerRefs, String label) {
        return new Export() {
            @Override
            public String filename() {
                return "订单明细_" + label + Names.period(filter.from(), filter.to());
            }

            @Override
            public void write(Table table) throws Exception {
                List<String> header = new ArrayList<>(List.of("订单ID", "平台", "平台订单号", "渠道", "直播场次", "主播ID", "产品ID",
                        "产品名称", "产地代码", "数量", "单价(元)", "金额(元)", "买家省份", "买家类型", "认证产品", "状态", "下单时间",
                        "退款时间", "价格预警"));
                if (buyerRefs) {
                    header.add("买家标识");
                }
                table.sheet("订单明细", header);
                // orders, items, amount and refunded orders, refunded amount (fen)
                long[] sums = new long[5];
                if (table instanceof CsvTable csv) {
                    // PostgreSQL writes each order's line (OrderLines), the service checks and copies it
                    orders.rows(scope, filter, CHUNK, OrderLines.selection(calendar.zone(), buyerRefs),
                            (OrderExport.RowsLookingUp) (rows, lookup) -> OrderLines.write(rows, lookup, csv, sums,
                                    calendar.zone(), buyerRefs));
                } else {
                    orders.rows(scope, filter, CHUNK, rows -> {
                        for (Row r : rows) {
                            order(table.cells(), r, buyerRefs, sums);
                        }
                    });
                }
                // totals: the order count in the second column, items and amount in their own
                table.row(Arrays.asList("合计", sums[0], null, null, null, null, null, null, null, sums[1], null,
                        BigDecimal.valueOf(sums[2], 2)));
                table.row(Arrays.asList("其中已退款", sums[3], null, null, null, null, null, null, null, null, null,
                        BigDecimal.valueOf(sums[4], 2)));
            }
        };
    }

    /** One order's row, straight from the database's row (no Order built: an export writes millions of them). */
    static void order(Table.Cells cells, Row r, boolean buyerRefs, long[] sums) throws Exception {
        long amount = r.getLong(OrderExport.AMOUNT_FEN);
        int quantity = r.getInteger(OrderExport.QUANTITY);
        boolean refunded = REFUNDED.equals(r.getString(OrderExport.STATUS));
        cells.number(r.getLong(OrderExport.ID)).text(r.getString(OrderExport.PLATFORM))
                .text(r.getString(OrderExport.EXTERNAL_ID)).text(CHANNELS.get(r.getString(OrderExport.CHANNEL)));
        number(cells, r.getLong(OrderExport.SESSION_ID));
        number(cells, r.getLong(OrderExport.STREAMER_ID));
        cells.number(r.getLong(OrderExport.PRODUCT_ID)).text(r.getString(OrderExport.PRODUCT_NAME))
                .text(r.getString(OrderExport.ORIGIN_REGION_CODE)).number(quantity)
                .money(r.getLong(OrderExport.UNIT_PRICE_FEN)).money(amount).text(r.getString(OrderExport.BUYER_PROVINCE))
                .text(BUYERS.get(r.getString(OrderExport.BUYER_TYPE)))
                .text(r.getBoolean(OrderExport.CERTIFIED) ? "是" : "否").text(refunded ? "已退款" : "已支付")
                .instant(r.getOffsetDateTime(OrderExport.PLACED_AT))
                .instant(r.getOffsetDateTime(OrderExport.REFUNDED_AT))
                .text(r.getBoolean(OrderExport.PRICE_ALERT) ? "是" : "否");
        if (buyerRefs) {
            cells.text(r.getString(OrderExport.BUYER_REF));
        }
        cells.end();
        sum(sums, quantity, amount, refunded);
    }

    static void sum(long[] sums, int quantity, long amount, boolean refunded) {
        sums[0]++;
        sums[1] += quantity;
        sums[2] += amount;
        if (refunded) {
            sums[3]++;
            sums[4] += amount;
        }
    }

    private static void number(Table.Cells cells, Long value) throws Exception {
        if (value == null) {
            cells.empty();
        } else {
            cells.number(value);
        }
    }
}
