package io.livetally.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.livetally.catalog.CatalogRepository;
import io.livetally.catalog.ProductDelistedException;
import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.NotFoundException;
import io.livetally.common.Texts;
import io.livetally.region.RegionRepository;
import io.livetally.streamer.StreamerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The session lifecycle: schedule, start, end, cancel, each allowed only from the right status. */
@ApplicationScoped
public class SessionService {

    static final int MAX_PRODUCTS = 50;
    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");

    private final RegionRepository regions;
    private final StreamerRepository streamers;
    private final CatalogRepository catalog;
    private final SessionRepository sessions;

    public SessionService(RegionRepository regions, StreamerRepository streamers, CatalogRepository catalog,
            SessionRepository sessions) {
        this.regions = regions;
        this.streamers = streamers;
        this.catalog = catalog;
        this.sessions = sessions;
    }

    @WithTransaction
    public Uni<LiveSession> schedule(SessionInput input) {
        LiveSessionEntity session = new LiveSessionEntity();
        session.title = Texts.required("title", input.title(), 200);
        session.scheduledStart = scheduledStart(input.scheduledStart());
        session.status = SessionStatus.SCHEDULED;
        session.productIds = productIds(input.productIds());
        long streamerId = Ids.require("streamer", input.streamerId());
        return streamers.find(streamerId)
                .onItem().ifNull().failWith(() -> new NotFoundException("streamer", input.streamerId()))
                .chain(streamer -> {
                    session.streamerId = streamer.id();
                    return regions.require("regionCode", input.regionCode());
                })
                .chain(region -> {
                    session.regionCode = region.code();
                    return catalog.products(session.productIds);
                })
                .chain(products -> {
                    for (Long id : session.productIds) {
                        var product = products.get(id);
                        if (product == null) {
                            throw new NotFoundException("product", id);
                        }
                        if (!product.listed()) {
                            throw new ProductDelistedException(id);
                        }
                    }
                    return campaign(input.campaignId());
                })
                .chain(campaignId -> {
                    session.campaignId = campaignId;
                    return session.<LiveSessionEntity>persist();
                })
                .map(LiveSessionEntity::view);
    }

    @WithTransaction
    public Uni<LiveSession> start(String id) {
        return transition(id, SessionStatus.SCHEDULED, "start", session -> {
            session.status = SessionStatus.LIVE;
            session.startedAt = now();
        });
    }

    @WithTransaction
    public Uni<LiveSession> end(String id) {
        return transition(id, SessionStatus.LIVE, "end", session -> {
            session.status = SessionStatus.ENDED;
            session.endedAt = now();
        });
    }

    @WithTransaction
    public Uni<LiveSession> cancel(String id) {
        return transition(id, SessionStatus.SCHEDULED, "be cancelled", session -> session.status = SessionStatus.CANCELLED);
    }

    private static Uni<LiveSession> transition(String id, SessionStatus required, String action,
            java.util.function.Consumer<LiveSessionEntity> change) {
        long sessionId = Ids.require("session", id);
        // Locked until commit: a racing transition waits, then sees the new status and is refused as illegal,
        // instead of failing on the version check at flush time as an internal error.
        return LiveSessionEntity.<LiveSessionEntity>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFoundException("session", id))
                .map(session -> {
                    if (session.status != required) {
                        throw new IllegalTransitionException(sessionId, session.status, action, required);
                    }
                    change.accept(session);
                    return session.view();
                });
    }

    private Uni<Long> campaign(String campaignId) {
        if (campaignId == null) {
            return Uni.createFrom().nullItem();
        }
        long id = Ids.require("campaign", campaignId);
        return sessions.campaignExists(id).map(exists -> {
            if (!exists) {
                throw new NotFoundException("campaign", campaignId);
            }
            return id;
        });
    }

    private static Instant scheduledStart(Instant start) {
        if (start == null) {
            throw new InvalidInputException("scheduledStart is required");
        }
        if (start.isBefore(EARLIEST_START) || start.isAfter(Instant.now().plus(730, ChronoUnit.DAYS))) {
            throw new InvalidInputException("scheduledStart must lie between 2000 and two years from now");
        }
        return start.truncatedTo(ChronoUnit.MICROS);
    }

    private static List<Long> productIds(List<String> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_PRODUCTS) {
            throw new InvalidInputException("productIds must name 1 to " + MAX_PRODUCTS + " products");
        }
        List<Long> parsed = ids.stream().map(id -> Ids.require("product", id)).toList();
        if (new HashSet<>(parsed).size() != parsed.size()) {
            throw new InvalidInputException("productIds must not repeat a product");
        }
        return new java.util.ArrayList<>(parsed);
    }

    /** Database time has microseconds: keep the same so reads equal what was written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
