package io.livetally.analytics;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.AlreadyExistsException;
import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.Texts;
import io.livetally.common.UniqueViolations;
import io.livetally.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Creating campaigns, one per name, origin region and period. */
@ApplicationScoped
public class CampaignService {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final String SAME = "name = ?1 and originRegionCode = ?2 and startsOn = ?3 and endsOn = ?4";

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
                    return CampaignEntity.<CampaignEntity>find(SAME,
                            campaign.name, campaign.originRegionCode, campaign.startsOn, campaign.endsOn)
                            .<CampaignEntity>firstResult();
                })
                .chain((CampaignEntity existing) -> {
                    if (existing != null) {
                        throw alreadyExists(campaign, " (id " + existing.id + ")");
                    }
                    return campaign.<CampaignEntity>persist();
                })
                // Two identical creations at once: the unique index refuses the second.
                .onFailure(UniqueViolations::is).transform(e -> alreadyExists(campaign, ""))
                .map(CampaignEntity::view);
    }

    /** Campaigns are unique by name, origin region and period (V6__campaign_unique.sql). */
    private static AlreadyExistsException alreadyExists(CampaignEntity campaign, String which) {
        return new AlreadyExistsException("a campaign named \"" + Texts.excerpt(campaign.name) + "\" for region "
                + campaign.originRegionCode + " from " + campaign.startsOn + " to " + campaign.endsOn
                + " already exists" + which);
    }
}
