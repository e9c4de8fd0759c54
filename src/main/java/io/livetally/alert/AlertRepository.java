package io.livetally.alert;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Keyset;
import io.livetally.common.PageRequest;
import io.livetally.common.Rows;
import io.livetally.common.SqlFiles;
import io.livetally.common.SqlWhere;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.livetally.security.ScopeColumns;
import io.livetally.security.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Alerts in PostgreSQL: raised once per kind, subject and window (the table's unique constraint), each new one
 * announced with {@code pg_notify} at its commit; read newest first within the caller's scope.
 */
@ApplicationScoped
public class AlertRepository {

    static final String CURSOR = "alert";
    /** The channel every instance LISTENs on; the payload is the new alert's id. */
    static final String CHANNEL = "livetally_alerts";
    private static final String PRICE_GOUGING = SqlFiles.load("alert/price_gouging.sql");
    private static final String RAISE = SqlFiles.load("alert/raise.sql");
    private static final String RAISE_CAMPAIGN = SqlFiles.load("alert/raise_campaign.sql");
    private static final Keyset<Alert> PAGES = Keyset.newestFirst(CURSOR, "alert", Alert.COLUMNS, "at", Alert::from,
            Alert::at, Alert::id);
    /** A host sees their sessions' alerts; an official their subtree's, of the kinds below; a platform none. */
    private static final ScopeColumns SCOPE = new ScopeColumns(Visibility.SESSIONS, "alert", "region_code",
            "streamer_id");
    /** What an official acts on: the regions' prices and campaigns, not a host's audience. */
    private static final List<String> OFFICIAL_KINDS = List.of(AlertKind.PRICE_GOUGING.name(),
            AlertKind.CAMPAIGN_BEHIND_PACE.name());

    private final Pool pool;

    public AlertRepository(Pool pool) {
        this.pool = pool;
    }

    /** Raises the PRICE_GOUGING alerts of these just-committed orders; the ids of the alerts that are new. */
    public Uni<List<Long>> priceGouging(List<Long> orderIds, BigDecimal ratio) {
        return pool.preparedQuery(PRICE_GOUGING).execute(Tuple.of(Rows.ids(orderIds), ratio))
                .map(rows -> Rows.list(rows, row -> row.getLong("id")));
    }

    /** Raises an alert about a session unless it fired in this window already; whether it is new. */
    public Uni<Boolean> raise(AlertKind kind, long sessionId, String window, String message, double value,
            double threshold) {
        return pool.preparedQuery(RAISE)
                .execute(Tuple.tuple().addString(kind.name()).addLong(sessionId).addString(window).addString(message)
                        .addDouble(value).addDouble(threshold))
                .map(rows -> rows.size() > 0);
    }

    /** Raises an alert about a campaign unless it fired for it on that business day already; whether it is new. */
    public Uni<Boolean> raiseCampaign(long campaignId, String day, String message, double value, double threshold) {
        return pool.preparedQuery(RAISE_CAMPAIGN)
                .execute(Tuple.tuple().addLong(campaignId).addString(day).addString(message).addDouble(value)
                        .addDouble(threshold))
                .map(rows -> rows.size() > 0);
    }

    /** Alerts the scope sees, newest first, narrowed by the given arguments (null: any). */
    public Uni<AlertConnection> page(Scope scope, Long sessionId, String regionCode, AlertKind kind, PageRequest page) {
        return PAGES.page(pool, filter(scope, sessionId, regionCode, kind), page, AlertEdge::new, AlertConnection::new);
    }

    /** The alert, if the scope sees it and it matches the arguments; null otherwise. */
    public Uni<Alert> visible(Scope scope, long id, Long sessionId, String regionCode) {
        return visible(pool, scope, id, sessionId, regionCode);
    }

    /** As {@link #visible(Scope, long, Long, String)}, through the given pool (null: the service's). */
    public Uni<Alert> visible(Pool through, Scope scope, long id, Long sessionId, String regionCode) {
        SqlWhere where = filter(scope, sessionId, regionCode, null).equal("id", id);
        return (through == null ? pool : through).preparedQuery("SELECT " + Alert.COLUMNS + " FROM alert" + where.sql()).execute(where.tuple())
                .map(rows -> Rows.first(rows, Alert::from));
    }

    private static SqlWhere filter(Scope scope, Long sessionId, String regionCode, AlertKind kind) {
        SqlWhere where = new SqlWhere().equal("session_id", sessionId)
                .when(regionCode, n -> RegionRepository.inSubtree("region_code", n))
                .equal("kind", kind == null ? null : kind.name());
        if (scope.official()) {
            where.when(OFFICIAL_KINDS.toArray(String[]::new), n -> "kind = ANY($" + n + ")");
        }
        return SCOPE.narrow(where, scope);
    }
}
