package io.livetally.analytics;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Creating campaigns. */
@ApplicationScoped
public class CampaignService {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private final RegionRepository regions;

    public CampaignService(RegionRepository regions) {
        this.regions = regions;
    }

    @WithTransaction
    public Uni<Campaign> create(CampaignInput input) {
        CampaignEntity campaign = new CampaignEntity();
        campaign.name = Texts.required("name", input.name(), 200);
        campaign.buyerProvince = Ids.province("buyerProvince", input.buyerProvince());
        campaign.channel = input.channel();
        if (input.startsOn() == null || input.endsOn() == null) {
            throw new InvalidInputException("startsOn and endsOn are required");
        }
        if (input.endsOn().isBefore(input.startsOn())) {
            throw new InvalidInputException("endsOn must not be before startsOn");
        }
        if (input.startsOn().isBefore(EARLIEST) || input.endsOn().isAfter(LATEST)) {
            throw new InvalidInputException("a campaign must lie between " + EARLIEST + " and " + LATEST);
        }
        campaign.startsOn = input.startsOn();
        campaign.endsOn = input.endsOn();
        campaign.targetAmount = Money.price("targetAmount", input.targetAmount());
        return regions.require("originRegionCode", input.originRegionCode())
                .chain(region -> {
                    campaign.originRegionCode = region.code();
                    return campaign.<CampaignEntity>persist();
                })
                .map(CampaignEntity::view);
    }
}
