package io.livetally.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;

/** What campaigns achieved: totals over each one's slice and days, and the share of its target. */
@ApplicationScoped
public class CampaignProgress {

    private final BasisTotals totals;
    private final RegionRepository regions;
    private final BusinessCalendar calendar;

    public CampaignProgress(BasisTotals totals, RegionRepository regions, BusinessCalendar calendar) {
        this.totals = totals;
        this.regions = regions;
        this.calendar = calendar;
    }

    /** Totals of each campaign's slice from the start of startsOn to the end of endsOn (business days). */
    public Uni<List<SalesTotals>> achieved(List<Campaign> campaigns) {
        return achieved(campaigns, false);
    }

    /** The same, with the buyers' mix when {@code buyers}. */
    public Uni<List<SalesTotals>> achieved(List<Campaign> campaigns, boolean buyers) {
        return regions.findAll(campaigns.stream().map(Campaign::originRegionCode).toList()).chain(byCode -> {
            List<Basis> bases = new ArrayList<>();
            for (Campaign campaign : campaigns) {
                Region origin = byCode.get(campaign.originRegionCode());
                bases.add(Basis.slice(new Slice(origin.code(), origin.path(), campaign.buyerProvince(),
                                campaign.channel()), calendar.startOfDay(campaign.startsOn()),
                        calendar.startOfDay(campaign.endsOn().plusDays(1))));
            }
            return totals.of(bases, buyers);
        });
    }

    /** achieved.netGmv / targetAmount of each campaign. */
    public Uni<List<Double>> completionRates(List<Campaign> campaigns) {
        return achieved(campaigns).map(totals -> {
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < campaigns.size(); i++) {
                rates.add(rate(totals.get(i).netGmv(), campaigns.get(i).targetAmount()));
            }
            return rates;
        });
    }

    public static double rate(BigDecimal achieved, BigDecimal target) {
        return achieved.divide(target, MathContext.DECIMAL64).doubleValue();
    }
}
