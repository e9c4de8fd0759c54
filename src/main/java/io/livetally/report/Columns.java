package io.livetally.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.livetally.analytics.BuyerTypeTotals;
import io.livetally.analytics.ChannelTotals;
import io.livetally.analytics.RegionAnalytics.Compared;
import io.livetally.analytics.SalesComparison;
import io.livetally.analytics.SalesFigures;
import io.livetally.analytics.SalesTotals;
import io.livetally.order.BuyerType;
import io.livetally.order.Channel;

/** The columns every figures export shares: a SalesTotals in full, by channel, by buyer type, certified, growth. */
final class Columns {

    static final Map<Channel, String> CHANNELS = Map.of(Channel.LIVESTREAM, "直播带货", Channel.ONLINE_PLATFORM, "线上平台",
            Channel.SMART_CABINET, "智能专柜", Channel.SUPERMARKET, "商超专区", Channel.FAIR, "展销会");
    static final Map<BuyerType, String> BUYERS = Map.of(BuyerType.CONSUMER, "普通消费者", BuyerType.BUDGET_UNIT, "预算单位采购",
            BuyerType.PAIRING_UNIT, "定点帮扶", BuyerType.EAST_WEST_COOPERATION, "东西部协作",
            BuyerType.ASSISTANCE_GROUP, "市级扶贫集团", BuyerType.ENTERPRISE, "企业和社会力量");

    private Columns() {
    }

    static List<String> figuresHeader() {
        List<String> header = new ArrayList<>(List.of("销售额(元)", "退款(元)", "净销售额(元)", "订单数", "退款单数", "件数",
                "客单价(元)", "价格预警单数"));
        for (Channel channel : Channel.values()) {
            header.addAll(List.of(CHANNELS.get(channel) + "销售额", CHANNELS.get(channel) + "净销售额",
                    CHANNELS.get(channel) + "订单数"));
        }
        for (BuyerType type : BuyerType.values()) {
            header.addAll(List.of(BUYERS.get(type) + "销售额", BUYERS.get(type) + "净销售额", BUYERS.get(type) + "订单数"));
        }
        header.addAll(List.of("认证产品销售额", "认证产品净销售额", "认证产品订单数", "认证产品占比(净销售额)",
                "环比增长(净销售额)", "环比增长(订单数)", "同比增长(净销售额)", "同比增长(订单数)"));
        return header;
    }

    static List<Object> figures(Compared compared) {
        SalesTotals t = compared.totals();
        List<Object> row = new ArrayList<>(List.of(t.gmv(), t.refunds(), t.netGmv(), t.orderCount(), t.refundCount(),
                t.itemsSold(), t.averageOrderValue(), t.priceAlertCount()));
        for (Channel channel : Channel.values()) {
            ChannelTotals c = t.byChannel().stream().filter(x -> x.channel() == channel).findFirst().orElse(null);
            row.addAll(c == null ? zeros() : List.of(c.gmv(), c.netGmv(), c.orderCount()));
        }
        for (BuyerType type : BuyerType.values()) {
            BuyerTypeTotals b = t.mix().byBuyerType().stream().filter(x -> x.buyerType() == type).findFirst()
                    .orElse(null);
            row.addAll(b == null ? zeros()
                    : List.of(b.figures().gmv(), b.figures().netGmv(), b.figures().orderCount()));
        }
        SalesFigures certified = t.mix().certified();
        row.addAll(List.of(certified.gmv(), certified.netGmv(), certified.orderCount()));
        row.add(share(certified.netGmv(), t.netGmv()));
        row.addAll(growth(compared.previousPeriod()));
        row.addAll(growth(compared.yearAgo()));
        return row;
    }

    /** part / whole, null when the whole is 0. */
    static Double share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, MathContext.DECIMAL64).doubleValue();
    }

    static List<Double> growth(SalesComparison comparison) {
        return comparison == null ? java.util.Arrays.asList(null, null)
                : java.util.Arrays.asList(comparison.netGmvGrowth(), comparison.orderCountGrowth());
    }

    private static List<Object> zeros() {
        return List.of(new BigDecimal("0.00"), new BigDecimal("0.00"), 0);
    }
}
