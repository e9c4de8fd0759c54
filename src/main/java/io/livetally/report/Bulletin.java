package io.livetally.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.analytics.BusinessCalendar;
import io.livetally.analytics.Campaign;
import io.livetally.analytics.CampaignProgress;
import io.livetally.analytics.CampaignRepository;
import io.livetally.analytics.ProductRanking;
import io.livetally.analytics.RegionAnalytics;
import io.livetally.analytics.RegionRanking;
import io.livetally.analytics.SalesAnalytics;
import io.livetally.analytics.SalesComparison;
import io.livetally.analytics.SalesTotals;
import io.livetally.analytics.StreamerRanking;
import io.livetally.common.InvalidInputException;
import io.livetally.common.NotFoundException;
import io.livetally.order.Order;
import io.livetally.order.OrderExport;
import io.livetally.order.OrderFilter;
import io.livetally.order.BuyerType;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.smallrye.mutiny.Uni;

/**
 * /reports/bulletin.xlsx: the monthly bulletin (月度通报) of a region's subtree, one sheet each: the summary (the
 * month, the year to date, the same month a year ago and 同比, the previous month and 环比, by buyer type, and the
 * campaigns running in the month against their targets), the children ranked, the top products, the top hosts, the
 * month's price-alerted orders, and the poverty-focus group. Every figure is the API's for the same slice and period
 * (Region.totals, topRegions, topProducts, topStreamers, orders, povertyFocusTotals, Campaign.achieved).
 */
@ApplicationScoped
class Bulletin implements Export.Report {

    static final Set<String> PARAMETERS = Set.of("region", "month");
    static final int RANKED = 100;

    private final Access access;
    private final RegionRepository regions;
    private final RegionAnalytics regionAnalytics;
    private final SalesAnalytics salesAnalytics;
    private final CampaignRepository campaigns;
    private final CampaignProgress progress;
    private final OrderExport orders;
    private final BusinessCalendar calendar;

    Bulletin(Access access, RegionRepository regions, RegionAnalytics regionAnalytics, SalesAnalytics salesAnalytics,
            CampaignRepository campaigns, CampaignProgress progress, OrderExport orders, BusinessCalendar calendar) {
        this.access = access;
        this.regions = regions;
        this.regionAnalytics = regionAnalytics;
        this.salesAnalytics = salesAnalytics;
        this.campaigns = campaigns;
        this.progress = progress;
        this.orders = orders;
        this.calendar = calendar;
    }

    /** The month's bounds and the periods the summary compares it with. */
    private record Periods(Instant monthStart, Instant monthEnd, Instant yearStart, Instant lastYearStart,
            Instant lastYearEnd, Instant previousStart) {

        List<Instant> starts() {
            return List.of(monthStart, yearStart, lastYearStart, previousStart);
        }

        List<Instant> ends() {
            return List.of(monthEnd, monthEnd, lastYearEnd, monthStart);
        }
    }

    private record Figures(Region region, YearMonth month, Periods periods, List<SalesTotals> summary,
            List<SalesTotals> focus, List<RegionRanking> children, List<ProductRanking> products,
            List<StreamerRanking> hosts, List<Campaign> campaigns, List<SalesTotals> achieved) {
    }

    @Override
    public Uni<Export> prepare(Scope scope, ExportParameters parameters, Export.Format format) {
        Exports.official(scope);
        if (format != Export.Format.XLSX) {
            throw new InvalidInputException("the bulletin is a workbook: ask for bulletin.xlsx");
        }
        YearMonth month = parameters.month("month");
        Periods p = periods(month);
        return access.regionScope(scope, parameters.text("region"))
                .chain(regions::findOrRoot)
                .onItem().ifNull().failWith(() -> new NotFoundException("region", parameters.text("region")))
                .chain(region -> Uni.combine().all().unis(
                        regionAnalytics.periods(region, false, p.starts(), p.ends()),
                        regionAnalytics.periods(region, true, p.starts(), p.ends()),
                        regionAnalytics.topRegions(region.code(), p.monthStart(), p.monthEnd(), RANKED, true),
                        salesAnalytics.topProducts(region.code(), p.monthStart(), p.monthEnd(), RANKED, false),
                        salesAnalytics.topStreamers(region.code(), p.monthStart(), p.monthEnd(), RANKED, false),
                        running(scope, region.code(), month)).asTuple()
                        .map(t -> export(new Figures(region, month, p, t.getItem1(), t.getItem2(), t.getItem3(),
                                t.getItem4(), t.getItem5(), t.getItem6().campaigns(), t.getItem6().achieved()))));
    }

    private record Running(List<Campaign> campaigns, List<SalesTotals> achieved) {
    }

    /** The subtree's campaigns that run during the month, with what each achieved over its own days. */
    private Uni<Running> running(Scope scope, String regionCode, YearMonth month) {
        return campaigns.list(scope, regionCode).chain(all -> {
            List<Campaign> list = all.stream().filter(c -> !c.startsOn().isAfter(month.atEndOfMonth())
                    && !c.endsOn().isBefore(month.atDay(1))).toList();
            return list.isEmpty() ? Uni.createFrom().item(new Running(list, List.of()))
                    : progress.achieved(list, true).map(achieved -> new Running(list, achieved));
        });
    }

    private Periods periods(YearMonth month) {
        return new Periods(calendar.startOfDay(month.atDay(1)), calendar.startOfDay(month.plusMonths(1).atDay(1)),
                calendar.startOfDay(month.withMonth(1).atDay(1)), calendar.startOfDay(month.minusYears(1).atDay(1)),
                calendar.startOfDay(month.minusYears(1).plusMonths(1).atDay(1)),
                calendar.startOfDay(month.minusMonths(1).atDay(1)));
    }

    private Export export(Figures f) {
        return new Export() {
            @Override
            public String filename() {
                return f.region().name() + "_月度通报_" + f.month();
            }

            @Override
            public void write(Table table) throws Exception {
                summary(table, "概况", f.summary());
                campaignsSheet(table);
                children(table);
                products(table);
                hosts(table);
                alerts(table);
                summary(table, "贫困重点", f.focus());
            }

            private void summary(Table table, String sheet, List<SalesTotals> t) throws Exception {
                SalesTotals month = t.get(0);
                SalesTotals ytd = t.get(1);
                SalesTotals lastYear = t.get(2);
                SalesTotals previous = t.get(3);
                table.sheet(sheet, List.of("指标", "本月", "本年累计", "去年同月", "同比增长", "上月", "环比增长"));
                metric(table, "销售额(元)", t, SalesTotals::gmv);
                metric(table, "退款(元)", t, SalesTotals::refunds);
                metric(table, "净销售额(元)", t, SalesTotals::netGmv);
                metric(table, "订单数", t, s -> BigDecimal.valueOf(s.orderCount()));
                metric(table, "件数", t, s -> BigDecimal.valueOf(s.itemsSold()));
                metric(table, "价格预警单数", t, s -> BigDecimal.valueOf(s.priceAlertCount()));
                metric(table, "认证产品净销售额(元)", t, s -> s.mix().certified().netGmv());
                table.row(Arrays.asList("认证产品占比", Columns.share(month.mix().certified().netGmv(), month.netGmv()),
                        Columns.share(ytd.mix().certified().netGmv(), ytd.netGmv()),
                        Columns.share(lastYear.mix().certified().netGmv(), lastYear.netGmv()), null,
                        Columns.share(previous.mix().certified().netGmv(), previous.netGmv()), null));
                for (BuyerType type : BuyerType.values()) {
                    metric(table, Columns.BUYERS.get(type) + "净销售额(元)", t, s -> s.mix().byBuyerType().stream()
                            .filter(b -> b.buyerType() == type).map(b -> b.figures().netGmv()).findFirst()
                            .orElse(new BigDecimal("0.00")));
                }
                for (var province : month.mix().byBuyerProvince()) {
                    metric(table, "买家省份 " + province.province() + " 净销售额(元)", t, s -> s.mix().byBuyerProvince()
                            .stream().filter(b -> b.province().equals(province.province()))
                            .map(b -> b.figures().netGmv()).findFirst().orElse(new BigDecimal("0.00")));
                }
            }

            private void metric(Table table, String name, List<SalesTotals> t, Function<SalesTotals, BigDecimal> value)
                    throws Exception {
                BigDecimal month = value.apply(t.get(0));
                BigDecimal lastYear = value.apply(t.get(2));
                BigDecimal previous = value.apply(t.get(3));
                table.row(Arrays.asList(name, month, value.apply(t.get(1)), lastYear,
                        SalesComparison.growth(month, lastYear), previous, SalesComparison.growth(month, previous)));
            }

            private void campaignsSheet(Table table) throws Exception {
                table.sheet("活动目标", List.of("活动ID", "活动名称", "产地区域代码", "开始日期", "结束日期", "目标(元)",
                        "完成净销售额(元)", "完成率"));
                for (int i = 0; i < f.campaigns().size(); i++) {
                    Campaign c = f.campaigns().get(i);
                    SalesTotals a = f.achieved().get(i);
                    table.row(Arrays.asList(c.id(), c.name(), c.originRegionCode(), c.startsOn(), c.endsOn(),
                            c.targetAmount(), a.netGmv(), CampaignProgress.rate(a.netGmv(), c.targetAmount())));
                }
            }

            private void children(Table table) throws Exception {
                table.sheet("区县排名", List.of("排名", "区域代码", "区域名称", "贫困重点", "销售额(元)", "净销售额(元)", "订单数",
                        "认证产品净销售额(元)", "认证产品占比"));
                for (RegionRanking r : f.children()) {
                    SalesTotals t = r.totals();
                    table.row(Arrays.asList(r.rank(), r.region().code(), r.region().name(),
                            r.region().povertyFocus() ? "是" : "否", t.gmv(), t.netGmv(), t.orderCount(),
                            t.mix().certified().netGmv(), Columns.share(t.mix().certified().netGmv(), t.netGmv())));
                }
                SalesTotals all = f.summary().get(0);
                table.row(Arrays.asList("合计", f.region().code(), f.region().name(), null, all.gmv(), all.netGmv(),
                        all.orderCount(), all.mix().certified().netGmv(),
                        Columns.share(all.mix().certified().netGmv(), all.netGmv())));
            }

            private void products(Table table) throws Exception {
                table.sheet("产品排行", List.of("排名", "产品ID", "产品名称", "品类", "产地代码", "销售额(元)", "净销售额(元)", "订单数",
                        "件数"));
                for (ProductRanking r : f.products()) {
                    SalesTotals t = r.totals();
                    table.row(Arrays.asList(r.rank(), r.product().id(), r.product().name(), r.product().category(),
                            r.product().originRegionCode(), t.gmv(), t.netGmv(), t.orderCount(), t.itemsSold()));
                }
            }

            private void hosts(Table table) throws Exception {
                table.sheet("主播排行", List.of("排名", "主播ID", "主播", "平台", "销售额(元)", "净销售额(元)", "订单数"));
                for (StreamerRanking r : f.hosts()) {
                    SalesTotals t = r.totals();
                    table.row(Arrays.asList(r.rank(), r.streamer().id(), r.streamer().displayName(),
                            r.streamer().platform(), t.gmv(), t.netGmv(), t.orderCount()));
                }
            }

            private void alerts(Table table) throws Exception {
                table.sheet("价格预警订单", List.of("订单ID", "平台", "平台订单号", "产品ID", "产品名称", "产地代码", "数量", "单价(元)",
                        "金额(元)", "下单时间", "状态"));
                OrderFilter filter = new OrderFilter(null, null, f.region().code(), null, null, true,
                        f.periods().monthStart(), f.periods().monthEnd());
                long[] count = {0};
                orders.read(Scope.ALL, filter, OrdersReport.CHUNK, chunk -> {
                    for (OrderExport.Exported e : chunk) {
                        Order o = e.order();
                        table.row(Arrays.asList(o.id(), o.platform(), o.externalId(), o.productId(), e.productName(),
                                e.originRegionCode(), o.quantity(), o.unitPrice(), o.amount(), o.placedAt(),
                                o.status().name().equals("REFUNDED") ? "已退款" : "已支付"));
                        count[0]++;
                    }
                });
                table.row(Arrays.asList("合计", count[0] + " 单"));
            }
        };
    }
}
