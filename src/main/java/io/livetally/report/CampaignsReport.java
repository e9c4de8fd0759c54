package io.livetally.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.analytics.Campaign;
import io.livetally.analytics.CampaignProgress;
import io.livetally.analytics.CampaignRepository;
import io.livetally.analytics.SalesTotals;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.smallrye.mutiny.Uni;

/**
 * /reports/campaigns: the campaigns whose origin lies in {@code regionCode}'s subtree (the caller's root when absent)
 * with their targets, what each achieved (as Campaign.achieved answers), the completion rate and the certified
 * share, then a totals row of the targets and achievements.
 */
@ApplicationScoped
class CampaignsReport implements Export.Report {

    static final Set<String> PARAMETERS = Set.of("regionCode");

    private final Access access;
    private final CampaignRepository campaigns;
    private final CampaignProgress progress;

    CampaignsReport(Access access, CampaignRepository campaigns, CampaignProgress progress) {
        this.access = access;
        this.campaigns = campaigns;
        this.progress = progress;
    }

    @Override
    public Uni<Export> prepare(Scope scope, ExportParameters parameters, Export.Format format) {
        Exports.official(scope);
        return access.regionScope(scope, parameters.text("regionCode"))
                .chain(code -> campaigns.list(scope, code).chain(list -> (list.isEmpty()
                        ? Uni.createFrom().item(List.<SalesTotals>of()) : progress.achieved(list, true))
                        .map(achieved -> export(code, list, achieved))));
    }

    private static Export export(String scope, List<Campaign> list, List<SalesTotals> achieved) {
        return new Export() {
            @Override
            public String filename() {
                return "活动目标完成情况_" + (scope == null ? "全部" : scope);
            }

            @Override
            public void write(Table table) throws Exception {
                table.sheet("活动目标", List.of("活动ID", "活动名称", "产地区域代码", "买家省份", "渠道", "开始日期", "结束日期",
                        "目标(元)", "销售额(元)", "退款(元)", "净销售额(元)", "订单数", "完成率", "认证产品净销售额(元)"));
                BigDecimal target = new BigDecimal("0.00");
                BigDecimal gmv = new BigDecimal("0.00");
                BigDecimal refunds = new BigDecimal("0.00");
                long orders = 0;
                for (int i = 0; i < list.size(); i++) {
                    Campaign c = list.get(i);
                    SalesTotals a = achieved.get(i);
                    table.row(Arrays.asList(c.id(), c.name(), c.originRegionCode(), c.buyerProvince(),
                            c.channel() == null ? null : Columns.CHANNELS.get(c.channel()), c.startsOn(), c.endsOn(),
                            c.targetAmount(), a.gmv(), a.refunds(), a.netGmv(), a.orderCount(),
                            CampaignProgress.rate(a.netGmv(), c.targetAmount()), a.mix().certified().netGmv()));
                    target = target.add(c.targetAmount());
                    gmv = gmv.add(a.gmv());
                    refunds = refunds.add(a.refunds());
                    orders += a.orderCount();
                }
                table.row(Arrays.asList("合计", list.size() + " 个活动", null, null, null, null, null, target, gmv, refunds,
                        gmv.subtract(refunds), orders, Columns.share(gmv.subtract(refunds), target)));
            }
        };
    }
}
