package io.livetally.analytics;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

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
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
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
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Campaign> campaign(@Id @NonNull String id) {
        Scope scope = access.scope();
        return Ids.lookUp(id, key -> campaigns.find(scope, key));
    }

    @Query
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Campaigns whose origin region lies in regionCode's subtree (all when absent), latest start first.")
    public Uni<List<@NonNull Campaign>> campaigns(@Id String regionCode) {
        Scope scope = access.scope();
        return access.arguments(scope, Visibility.REGIONAL, regionCode, null)
                .chain(() -> campaigns.list(scope, regionCode));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    public Uni<Campaign> createCampaign(@NonNull CampaignInput input) {
        return access.regionScope(access.scope(), input.originRegionCode()).chain(() -> service.create(input));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Region>> originRegion(@Source List<Campaign> list) {
        return regions.findAll(list.stream().map(Campaign::originRegionCode).toList())
                .map(byCode -> list.stream().map(c -> byCode.get(c.originRegionCode())).toList());
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("Totals over the campaign's slice: products originating in originRegion's subtree, sold to"
            + " buyerProvince and through channel when given, placed from the start of startsOn to the end of endsOn.")
    public Uni<List<@NonNull SalesTotals>> achieved(@Source List<Campaign> list) {
        return inScope(list).chain(() -> progress.achieved(list));
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL})
    @Description("achieved.netGmv / targetAmount, e.g. 0.747.")
    public Uni<List<@NonNull Double>> completionRate(@Source List<Campaign> list) {
        return inScope(list).chain(() -> progress.completionRates(list));
    }

    private Uni<Void> inScope(List<Campaign> list) {
        return access.regions(access.scope(), Visibility.REGIONAL, list.stream().map(Campaign::originRegionCode).toList());
    }

    @Name("campaign")
    @Allowed({ADMIN, OFFICIAL})
    @Description("The campaign the session counts towards: for admins, and officials whose subtree holds the campaign's"
            + " origin region, as campaign(id).")
    public Uni<Campaign> sessionCampaign(@Source LiveSession session) {
        Scope scope = access.scope();
        if (session.campaignId() == null) {
            return Uni.createFrom().nullItem();
        }
        // Loaded with the other sessions' campaigns, checked on its own: a session of the subtree may have been
        // linked to a campaign of another region, which refuses that session's campaign only.
        return ArgumentBatches.load(context, "LiveSession.campaign", session.campaignId(),
                        (List<Long> ids) -> campaigns.findAll(ids).map(byId -> ids.stream().map(byId::get).toList()))
                .call(campaign -> campaign == null ? Uni.createFrom().voidItem()
                        : access.regions(scope, Visibility.REGIONAL, List.of(campaign.originRegionCode())));
    }
}
