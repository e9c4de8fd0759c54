package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.AlreadyExistsException;
import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.Texts;
import io.livetally.common.UniqueViolations;
import io.livetally.region.RegionRepository;
import io.livetally.common.Rows;
import io.livetally.security.Access;
import io.livetally.security.RegionPaths;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Creating campaigns, one per name, origin region and period, each judged against its pace once created. */
@ApplicationScoped
public class CampaignService {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private final Pool pool;
    private final RegionRepository regions;
    private final Access access;
    private final CampaignPaceAlerts pace;

    public CampaignService(Pool pool, RegionRepository regions, Access access, CampaignPaceAlerts pace) {
        this.pool = pool;
        this.regions = regions;
        this.access = access;
        this.pace = pace;
    }

    /** The campaign, in one transaction on one connection: its origin in the caller's scope, unique, stored. */
    public Uni<Campaign> create(Scope scope, CampaignInput input) {
        String name = Texts.required("name", input.name(), 200);
        String province = Ids.province("buyerProvince", input.buyerProvince());
        if (input.endsOn().isBefore(input.startsOn())) {
            throw new InvalidInputException("endsOn must not be before startsOn");
        }
        if (input.startsOn().isBefore(EARLIEST) || input.endsOn().isAfter(LATEST)) {
            throw new InvalidInputException("a campaign must lie between " + EARLIEST + " and " + LATEST);
        }
        BigDecimal target = Money.price("targetAmount", input.targetAmount());
        return pool.withTransaction(connection -> regions.require(connection, "originRegionCode",
                        input.originRegionCode())
                .call(origin -> access.regions(RegionPaths.on(connection), scope, Visibility.REGIONAL,
                        List.of(origin.code())))
                .call(origin -> connection.preparedQuery("SELECT id FROM campaign WHERE name = $1"
                                + " AND origin_region_code = $2 AND starts_on = $3 AND ends_on = $4")
                        .execute(Tuple.of(name, origin.code(), input.startsOn(), input.endsOn()))
                        .invoke(rows -> {
                            if (rows.size() > 0) {
                                throw alreadyExists(name, origin.code(), input,
                                        " (id " + rows.iterator().next().getLong("id") + ")");
                            }
                        }))
                .chain(origin -> connection.preparedQuery("INSERT INTO campaign (name, origin_region_code,"
                                + " buyer_province, channel, starts_on, ends_on, target_amount)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + Campaign.COLUMNS)
                        .execute(Tuple.from(Arrays.asList(name, origin.code(), province,
                                input.channel() == null ? null : input.channel().name(), input.startsOn(),
                                input.endsOn(), target)))))
                .map(rows -> Rows.first(rows, Campaign::from))
                // Two identical creations at once: the unique index refuses the second.
                .onFailure(UniqueViolations::is).transform(e -> alreadyExists(name, input.originRegionCode(), input, ""))
                // Committed: judged against its pace at once (a campaign created behind it fires now).
                .call(pace::judgeCreated);
    }

    /** Campaigns are unique by name, origin region and period (V6__campaign_unique.sql). */
    private static AlreadyExistsException alreadyExists(String name, String origin, CampaignInput input,
            String which) {
        return new AlreadyExistsException("a campaign named \"" + Texts.excerpt(name) + "\" for region " + origin
                + " from " + input.startsOn() + " to " + input.endsOn() + " already exists" + which);
    }
}
