package io.livetally.analytics;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.ArgumentBatches;
import io.livetally.common.Ids;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Role;
import io.livetally.security.Caller;
import io.livetally.security.Access;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.session.LiveSession;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Campaigns (活动): targets over slices of sales, and how far each has come. */
@GraphQLApi
@MaskUnexpectedErrors
public class CampaignGraphQLApi {

    private final CampaignService service;
    private final CampaignRepository campaigns;
    private final CampaignProgress progress;
    private final RegionRepository regions;
    private final Access access;
    private final Context context;

    public CampaignGraphQLApi(CampaignService service, CampaignRepository campaigns, CampaignProgress progress,
            RegionRepository regions, Access access, Context context) {
        this.access = access;
        this.context = context;
        this.service = service;
        this.campaigns = campaigns;
        this.progress = progress;
        this.regions = regions;
    }

    @Query
    public Uni<Campaign> campaign(@Id @NonNull String id) {
        Caller caller = access.require(Role.OFFICIAL);
        return Ids.lookUp(id, campaigns::find,
                campaign -> access.regions(caller, List.of(campaign.originRegionCode())));
    }

    @Query
    @NonNull
    @Description("Campaigns whose origin region lies in regionCode's subtree (all when absent), latest start first.")
    public Uni<List<@NonNull Campaign>> campaigns(@Id String regionCode) {
        return access.regionScope(regionCode).chain(campaigns::list);
    }

    @Mutation
    @NonNull
    public Uni<Campaign> createCampaign(@NonNull CampaignInput input) {
        return access.regionScope(input.originRegionCode()).chain(() -> service.create(input));
    }

    @NonNull
    public Uni<List<@NonNull Region>> originRegion(@Source List<Campaign> list) {
        return regions.findAll(list.stream().map(Campaign::originRegionCode).toList())
                .map(byCode -> list.stream().map(c -> byCode.get(c.originRegionCode())).toList());
    }

    @NonNull
    @Description("Totals over the campaign's slice: products originating in originRegion's subtree, sold to"
            + " buyerProvince and through channel when given, placed from the start of startsOn to the end of endsOn.")
    public Uni<List<@NonNull SalesTotals>> achieved(@Source List<Campaign> list) {
        boolean buyers = Buyers.wanted(context, "");
        return access.regions(access.caller(), origins(list)).chain(() -> progress.achieved(list, buyers));
    }

    @NonNull
    @Description("achieved.netGmv / targetAmount, e.g. 0.747.")
    public Uni<List<@NonNull Double>> completionRate(@Source List<Campaign> list) {
        return access.regions(access.caller(), origins(list)).chain(() -> progress.completionRates(list));
    }

    private static List<String> origins(List<Campaign> list) {
        return list.stream().map(Campaign::originRegionCode).toList();
    }

    @Name("campaign")
    @Description("The campaign the session counts towards: for admins, and officials whose subtree holds the campaign's"
            + " origin region, as campaign(id).")
    public Uni<Campaign> sessionCampaign(@Source LiveSession session) {
        Caller caller = access.require(Role.OFFICIAL);
        if (session.campaignId() == null) {
            return Uni.createFrom().nullItem();
        }
        // Loaded with the other sessions' campaigns, checked on its own: a session of the subtree may have been
        // linked to a campaign of another region, which refuses that session's campaign only.
        return ArgumentBatches.load(context, "LiveSession.campaign", session.campaignId(),
                        (List<Long> ids) -> campaigns.findAll(ids).map(byId -> ids.stream().map(byId::get).toList()))
                .call(campaign -> campaign == null ? Uni.createFrom().voidItem()
                        : access.regions(caller, List.of(campaign.originRegionCode())));
    }
}
