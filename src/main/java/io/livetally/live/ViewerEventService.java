package io.livetally.live;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.BatchTooLargeException;
import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.NotFoundException;
import io.livetally.common.Outages;
import io.livetally.common.Texts;
import io.livetally.common.UnavailableException;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionNotLiveException;
import io.livetally.session.SessionRepository;
import io.livetally.session.SessionStatus;
import io.smallrye.mutiny.Uni;

/** Records the events of a LIVE session's viewers (Redis only, each event id once) and answers the new stats. */
@ApplicationScoped
public class ViewerEventService {

    public static final int MAX_EVENTS = 1000;
    private static final Set<ViewerEventType> FUNNEL = EnumSet.of(ViewerEventType.PRODUCT_IMPRESSION,
            ViewerEventType.PRODUCT_CLICK, ViewerEventType.ADD_TO_CART);

    private final SessionRepository sessions;
    private final RedisGuard redis;
    private final LiveStatsService stats;

    public ViewerEventService(SessionRepository sessions, RedisGuard redis, LiveStatsService stats) {
        this.sessions = sessions;
        this.redis = redis;
        this.stats = stats;
    }

    public Uni<LiveStats> record(String sessionId, List<ViewerEventInput> inputs) {
        return record(sessionId, inputs, sessions::find);
    }

    /** The same, of a session the caller has just read (null: none has that id). */
    public Uni<LiveStats> record(String sessionId, LiveSession session, List<ViewerEventInput> inputs) {
        return record(sessionId, inputs, id -> Uni.createFrom().item(session));
    }

    private Uni<LiveStats> record(String sessionId, List<ViewerEventInput> inputs, LongFunction<Uni<LiveSession>> find) {
        if (inputs.size() > MAX_EVENTS) {
            throw new BatchTooLargeException(inputs.size(), MAX_EVENTS);
        }
        List<ViewerEvent> events = inputs.stream().map(ViewerEventService::checked).toList();
        long id = Ids.require("session", sessionId);
        return find.apply(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("session", sessionId))
                .chain(session -> {
                    if (session.status() != SessionStatus.LIVE) {
                        throw new SessionNotLiveException(id, session.status());
                    }
                    Uni<Void> applied = events.isEmpty() ? Uni.createFrom().voidItem()
                            : redis.applyViewerEvents(id, events)
                                    .onFailure().transform(e -> {
                                        Outages.REDIS.failed(e);
                                        return new UnavailableException("Redis (where viewer events are counted)");
                                    });
                    return applied.chain(() -> stats.statsAfterWrite(session));
                });
    }

    private static ViewerEvent checked(ViewerEventInput input) {
        String viewer = Texts.required("viewerRef", input.viewerRef(), 200);
        String eventId = Texts.optional("eventId", input.eventId(), 200);
        Long product = null;
        if (FUNNEL.contains(input.type())) {
            String given = Texts.required("productId", input.productId(), 20);
            product = Ids.parse(given).filter(id -> id > 0).orElseThrow(() -> new InvalidInputException(
                    "productId of a " + input.type() + " event must be a product id, not '" + Texts.excerpt(given) + "'"));
        }
        TrafficSource source = input.type() == ViewerEventType.JOIN ? input.source() : null;
        return new ViewerEvent(input.type(), viewer, eventId, product, source,
                input.at() == null ? null : input.at().toEpochMilli());
    }
}
