package io.livetally.report;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.livetally.report.Export.Format;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/** The export URLs under /reports/ (docs/API.md, "Reports and exports"): GET only, one report per path and format. */
@ApplicationScoped
public class ReportRoutes {

    private final Exports exports;
    private final RegionsReport regions;
    private final OrdersReport orders;
    private final CampaignsReport campaigns;
    private final Bulletin bulletin;

    public ReportRoutes(Exports exports, RegionsReport regions, OrdersReport orders, CampaignsReport campaigns,
            Bulletin bulletin) {
        this.exports = exports;
        this.regions = regions;
        this.orders = orders;
        this.campaigns = campaigns;
        this.bulletin = bulletin;
    }

    void register(@Observes Router router) {
        for (Format format : Format.values()) {
            route(router, "regions", format, RegionsReport.PARAMETERS, regions);
            route(router, "orders", format, OrdersReport.PARAMETERS, orders);
            route(router, "campaigns", format, CampaignsReport.PARAMETERS, campaigns);
        }
        route(router, "bulletin", Format.XLSX, Bulletin.PARAMETERS, bulletin);
        router.route("/reports/*").handler(ctx -> {
            if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
                Exports.answer(ctx, 404, "not-found", "no such report: the reports are regions.csv|xlsx,"
                        + " orders.csv|xlsx, campaigns.csv|xlsx and bulletin.xlsx");
            } else {
                ctx.response().putHeader("Allow", "GET");
                Exports.answer(ctx, 405, "invalid-request", "reports are read with GET");
            }
        });
    }

    private void route(Router router, String name, Format format, Set<String> parameters, Export.Report report) {
        router.get("/reports/" + name + "." + format.extension)
                .handler(ctx -> exports.serve(ctx, format, parameters, report));
    }
}
