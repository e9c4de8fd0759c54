package io.livetally.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Ids;
import io.livetally.order.Channel;
import io.livetally.order.Order;
import io.livetally.order.OrderExport;
import io.livetally.order.OrderFilter;
import io.livetally.order.OrderStatus;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;

/**
 * /reports/orders: the orders list with OrderFilter's fields as parameters, narrowed as {@code orders(filter)} is
 * (a host: their own sessions' orders; an official: products originating in their subtree), newest first, streamed
 * a chunk at a time from one snapshot ({@link OrderExport}), then totals rows (orders, items and amount; the refunded ones). The
 * buyer's reference (a platform's buyer id) is shown to admins and officials only: a host's export has none.
 */
@ApplicationScoped
class OrdersReport implements Export.Report {

    static final Set<String> PARAMETERS = Set.of("sessionId", "streamerId", "regionCode", "channel", "status",
            "priceAlert", "from", "to");
    static final int CHUNK = 1000;

    private final Access access;
    private final OrderExport orders;

    OrdersReport(Access access, OrderExport orders) {
        this.access = access;
        this.orders = orders;
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
                long[] count = {0, 0, 0};
                BigDecimal[] sums = {new BigDecimal("0.00"), new BigDecimal("0.00")};
                orders.read(scope, filter, CHUNK, chunk -> {
                    for (OrderExport.Exported exported : chunk) {
                        Order o = exported.order();
                        List<Object> row = new ArrayList<>(Arrays.asList(o.id(), o.platform(), o.externalId(),
                                Columns.CHANNELS.get(o.channel()), o.sessionId(), exported.streamerId(), o.productId(),
                                exported.productName(), exported.originRegionCode(), o.quantity(), o.unitPrice(),
                                o.amount(), o.buyerProvince(), Columns.BUYERS.get(o.buyerType()),
                                o.certified() ? "是" : "否",
                                o.status() == OrderStatus.REFUNDED ? "已退款" : "已支付", o.placedAt(), o.refundedAt(),
                                o.priceAlert() ? "是" : "否"));
                        if (buyerRefs) {
                            row.add(o.buyerRef());
                        }
                        table.row(row);
                        count[0]++;
                        count[1] += o.quantity();
                        sums[0] = sums[0].add(o.amount());
                        if (o.status() == OrderStatus.REFUNDED) {
                            count[2]++;
                            sums[1] = sums[1].add(o.amount());
                        }
                    }
                });
                // totals: the order count in the second column, items and amount in their own
                table.row(Arrays.asList("合计", count[0], null, null, null, null, null, null, null, count[1], null,
                        sums[0]));
                table.row(Arrays.asList("其中已退款", count[2], null, null, null, null, null, null, null, null, null,
                        sums[1]));
            }
        };
    }
}
