package io.livetally.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.analytics.RegionAnalytics;
import io.livetally.analytics.RegionAnalytics.Compared;
import io.livetally.common.NotFoundException;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.Scope;
import io.smallrye.mutiny.Uni;

/**
 * /reports/regions: one row per child region of {@code parent} (the caller's root, or the municipality, when absent)
 * with every SalesTotals figure, by channel, by buyer type, the certified share and growth on both comparisons,
 * then a totals row that is the parent's own totals (products originating at the parent itself included).
 */
@ApplicationScoped
class RegionsReport implements Export.Report {

    static final Set<String> PARAMETERS = Set.of("parent", "from", "to");

    private final Access access;
    private final RegionRepository regions;
    private final RegionAnalytics analytics;

    RegionsReport(Access access, RegionRepository regions, RegionAnalytics analytics) {
        this.access = access;
        this.regions = regions;
        this.analytics = analytics;
    }

    @Override
    public Uni<Export> prepare(Scope scope, ExportParameters parameters, Export.Format format) {
        Exports.official(scope);
        Instant from = parameters.instant("from");
        Instant to = parameters.instant("to");
        return access.regionScope(scope, parameters.text("parent"))
                .chain(regions::findOrRoot)
                .onItem().ifNull().failWith(() -> new NotFoundException("region", parameters.text("parent")))
                .chain(parent -> regions.childrenOf(List.of(parent.code()))
                        .chain(children -> {
                            List<Region> all = new ArrayList<>(children.get(parent.code()));
                            all.add(parent);
                            return analytics.compared(all, from, to).map(figures -> export(all, figures, from, to));
                        }));
    }

    /** The regions' rows, the parent last (the totals row). */
    private static Export export(List<Region> regions, List<Compared> figures, Instant from, Instant to) {
        Region parent = regions.get(regions.size() - 1);
        return new Export() {
            @Override
            public String filename() {
                return parent.name() + "_下级区域销售" + Names.period(from, to);
            }

            @Override
            public void write(Table table) throws Exception {
                List<String> header = new ArrayList<>(List.of("区域代码", "区域名称", "层级", "贫困重点"));
                header.addAll(Columns.figuresHeader());
                table.sheet("区域销售", header);
                // the children, then the parent's own totals: what Region.totals answers for it
                for (int i = 0; i < figures.size(); i++) {
                    Region region = regions.get(i);
                    String name = region == parent ? "合计（" + parent.name() + "）" : region.name();
                    List<Object> row = new ArrayList<>(List.of(region.code(), name, Names.level(region.level()),
                            region.povertyFocus() ? "是" : "否"));
                    row.addAll(Columns.figures(figures.get(i)));
                    table.row(row);
                }
            }
        };
    }
}
