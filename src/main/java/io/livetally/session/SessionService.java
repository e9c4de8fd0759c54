package io.livetally.session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.catalog.ProductDelistedException;
import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.NotFoundException;
import io.livetally.common.Rows;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.livetally.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The session lifecycle: schedule, start, end, cancel, each allowed only from the right status. Each call runs its
 * checks and writes in one transaction on one connection.
 */
@ApplicationScoped
public class SessionService {

    static final int MAX_PRODUCTS = 50;
    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");

    private final Pool pool;
    private final RegionRepository regions;

    public SessionService(Pool pool, RegionRepository regions) {
        this.pool = pool;
        this.regions = regions;
    }

    public Uni<LiveSession> schedule(SessionInput input) {
        String title = Texts.required("title", input.title(), 200);
        Instant start = scheduledStart(input.scheduledStart());
        List<Long> productIds = productIds(input.productIds());
        long streamerId = Ids.require("streamer", input.streamerId());
        return pool.withTransaction(connection -> exists(connection, "streamer", streamerId, input.streamerId())
                .chain(() -> regions.require(connection, "regionCode", input.regionCode()))
                .call(region -> featurable(connection, productIds))
                .call(region -> campaign(connection, input.campaignId()))
                .chain(region -> connection.preparedQuery("INSERT INTO live_session"
                                + " (title, streamer_id, region_code, campaign_id, status, scheduled_start)"
                                + " VALUES ($1, $2, $3, $4, 'SCHEDULED', $5) RETURNING " + LiveSession.COLUMNS)
                        .execute(Tuple.from(Arrays.asList(title, streamerId, region.code(), campaignId(input),
                                start.atOffset(ZoneOffset.UTC)))))
                .map(rows -> Rows.first(rows, LiveSession::from))
                .call(session -> connection.preparedQuery("INSERT INTO live_session_product (session_id, product_id,"
                                + " position) SELECT $1, id, position - 1 FROM unnest($2::bigint[]) WITH ORDINALITY"
                                + " AS featured (id, position)")
                        .execute(Tuple.of(session.id(), productIds.toArray(Long[]::new)))));
    }

    public Uni<LiveSession> start(Scope scope, String id) {
        return transition(scope, id, SessionStatus.SCHEDULED, "start", SessionStatus.LIVE, "started_at");
    }

    public Uni<LiveSession> end(Scope scope, String id) {
        return transition(scope, id, SessionStatus.LIVE, "end", SessionStatus.ENDED, "ended_at");
    }

    public Uni<LiveSession> cancel(Scope scope, String id) {
        return transition(scope, id, SessionStatus.SCHEDULED, "be cancelled", SessionStatus.CANCELLED, null);
    }

    /**
     * The session locked until commit, its host's (or an admin's) to change: a racing transition waits, then sees
     * the new status and is refused as illegal; the lock read is the authorization read. {@code stamped}: the
     * column that takes the time of the step (none when null).
     */
    private Uni<LiveSession> transition(Scope scope, String id, SessionStatus required, String action,
            SessionStatus next, String stamped) {
        long sessionId = Ids.require("session", id);
        return pool.withTransaction(connection -> SessionRepository.SCOPE.lock(connection, LiveSession.COLUMNS,
                        sessionId, LiveSession::from, scope)
                .onItem().ifNull().failWith(() -> new NotFoundException("session", id))
                .chain(session -> {
                    if (session.status() != required) {
                        throw new IllegalTransitionException(sessionId, session.status(), action, required);
                    }
                    return connection.preparedQuery("UPDATE live_session SET status = $2, version = version + 1"
                                    + (stamped == null ? "" : ", " + stamped + " = $3") + " WHERE id = $1 RETURNING "
                                    + LiveSession.COLUMNS)
                            .execute(stamped == null ? Tuple.of(sessionId, next.name())
                                    : Tuple.of(sessionId, next.name(), now().atOffset(ZoneOffset.UTC)));
                })
                .map(rows -> Rows.first(rows, LiveSession::from)));
    }

    private static Uni<Void> exists(SqlConnection connection, String table, long id, String given) {
        return connection.preparedQuery("SELECT 1 FROM " + table + " WHERE id = $1").execute(Tuple.of(id))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException(table, given);
                    }
                }).replaceWithVoid();
    }

    /**
     * Every product exists and is listed, shared-locked until commit: a delisting racing the scheduling waits for
     * it, so no session is stored featuring a product delisted before it was.
     */
    private static Uni<Void> featurable(SqlConnection connection, List<Long> productIds) {
        return connection.preparedQuery("SELECT id, listed FROM product WHERE id = ANY($1) FOR SHARE")
                .execute(Tuple.of(productIds.toArray(Long[]::new)))
                .invoke(rows -> {
                    java.util.Map<Long, Boolean> listed = new java.util.HashMap<>();
                    for (Row row : rows) {
                        listed.put(row.getLong("id"), row.getBoolean("listed"));
                    }
                    for (Long id : productIds) {
                        if (!listed.containsKey(id)) {
                            throw new NotFoundException("product", id);
                        }
                        if (!listed.get(id)) {
                            throw new ProductDelistedException(id);
                        }
                    }
                }).replaceWithVoid();
    }

    private static Uni<Void> campaign(SqlConnection connection, String campaignId) {
        return campaignId == null ? Uni.createFrom().voidItem()
                : exists(connection, "campaign", Ids.require("campaign", campaignId), campaignId);
    }

    private static Long campaignId(SessionInput input) {
        return input.campaignId() == null ? null : Ids.require("campaign", input.campaignId());
    }

    private static Instant scheduledStart(Instant start) {
        if (start.isBefore(EARLIEST_START) || start.isAfter(Instant.now().plus(730, ChronoUnit.DAYS))) {
            throw new InvalidInputException("scheduledStart must lie between 2000 and two years from now");
        }
        return start.truncatedTo(ChronoUnit.MICROS);
    }

    private static List<Long> productIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_PRODUCTS) {
            throw new InvalidInputException("productIds must name 1 to " + MAX_PRODUCTS + " products");
        }
        List<Long> parsed = ids.stream().map(id -> Ids.require("product", id)).toList();
        if (new HashSet<>(parsed).size() != parsed.size()) {
            throw new InvalidInputException("productIds must not repeat a product");
        }
        return parsed;
    }

    /** Database time has microseconds: keep the same so reads equal what was written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
