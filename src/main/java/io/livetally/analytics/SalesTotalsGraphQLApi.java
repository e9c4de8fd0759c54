package io.livetally.analytics;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.ArgumentBatches;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Allowed;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/**
 * The fields of a {@link SalesTotals} that officials report with: who bought (buyer type, province), the certified
 * share, and growth against another period. They describe the same slice the totals were authorized for (by the
 * field that returned them: Region.totals, Streamer.totals, …), so beyond the roles that may hold a SalesTotals they
 * check nothing more; where the parent field already computed the buyers' mix (it saw them selected) they answer
 * from it, otherwise one batched statement per level computes it.
 */
@GraphQLApi
@MaskUnexpectedErrors
public class SalesTotalsGraphQLApi {

    private final BasisTotals totals;
    private final BusinessCalendar calendar;
    private final Context context;

    public SalesTotalsGraphQLApi(BasisTotals totals, BusinessCalendar calendar, Context context) {
        this.totals = totals;
        this.calendar = calendar;
        this.context = context;
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Orders whose product was certified when it was sold.")
    public Uni<SalesFigures> certified(@Source SalesTotals sales) {
        return mix(sales).map(Mix::certified);
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Buyer types with orders in the period, in the BuyerType enum's order.")
    public Uni<List<@NonNull BuyerTypeTotals>> byBuyerType(@Source SalesTotals sales) {
        return mix(sales).map(Mix::byBuyerType);
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("GB/T 2260 province codes, ranked by netGmv (then gmv, then code); orders without a buyer province"
            + " count in the totals but in no province.")
    public Uni<List<@NonNull ProvinceTotals>> byBuyerProvince(@Source SalesTotals sales) {
        return mix(sales).map(Mix::byBuyerProvince);
    }

    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Null when the totals have no bounded period.")
    public Uni<SalesComparison> compare(@Source SalesTotals sales, @NonNull Comparison to) {
        Instant[] base = Comparisons.base(sales.from(), sales.to(), to, calendar);
        if (base == null) {
            return Uni.createFrom().nullItem();
        }
        boolean buyers = Buyers.wanted(context, "base");
        SalesTotals computed = sales.bases() == null ? null : sales.bases().get(to);
        if (computed != null && (!buyers || computed.mix() != null)) {
            // computed beside the totals by the field that returned them (it saw this comparison selected)
            return Uni.createFrom().item(SalesComparison.of(sales, computed));
        }
        return ArgumentBatches.load(context, "SalesTotals.compare", sales.basis().during(base[0], base[1]), buyers,
                        (bases, withBuyers) -> totals.of(bases, withBuyers))
                .map(baseTotals -> SalesComparison.of(sales, baseTotals));
    }

    private Uni<Mix> mix(SalesTotals sales) {
        if (sales.mix() != null) {
            return Uni.createFrom().item(sales.mix());
        }
        return ArgumentBatches.load(context, "SalesTotals.mix", sales.basis(),
                (List<Basis> bases) -> totals.of(bases, true)
                        .map(list -> list.stream().map(SalesTotals::mix).toList()));
    }
}
