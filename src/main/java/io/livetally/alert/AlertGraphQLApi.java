package io.livetally.alert;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;

import java.util.List;
import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.common.Ids;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.common.PageRequest;
import io.livetally.order.Order;
import io.livetally.order.OrderRepository;
import io.livetally.region.Region;
import io.livetally.region.RegionRepository;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Alerts: the list (query) and the push (subscription), each within the caller's scope; an alert's parts. */
@GraphQLApi
@MaskUnexpectedErrors
public class AlertGraphQLApi {

    private final AlertRepository alerts;
    private final AlertBus bus;
    private final Access access;
    private final SessionRepository sessions;
    private final RegionRepository regions;
    private final OrderRepository orders;
    private final Context context;

    public AlertGraphQLApi(AlertRepository alerts, AlertBus bus, Access access, SessionRepository sessions,
            RegionRepository regions, OrderRepository orders, Context context) {
        this.alerts = alerts;
        this.bus = bus;
        this.access = access;
        this.sessions = sessions;
        this.regions = regions;
        this.orders = orders;
        this.context = context;
    }

    @Query("alerts")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Alerts the caller may see (a host their sessions', an official their region's price gouging and"
            + " campaigns), newest first; 20 a page by default, at most 100.")
    public Uni<AlertConnection> alertList(@Id String sessionId, @Id String regionCode, AlertKind kind, Integer first,
            String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, AlertRepository.CURSOR, after, context);
        Long session = sessionId == null ? null : Ids.parse(sessionId).orElse(-1L);
        return access.arguments(scope, Visibility.SESSIONS, regionCode, null)
                .chain(() -> alerts.page(scope, session, regionCode, kind, page));
    }

    @Subscription("alerts")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Emits each alert the caller may see (and the arguments select) the moment it is raised, on any"
            + " instance. A region outside an official's completes at once without an event.")
    public Multi<Alert> alertStream(@Id String sessionId, @Id String regionCode) {
        Scope scope = access.scope();
        Long session = sessionId == null ? null : Ids.parse(sessionId).orElse(-1L);
        Uni<Boolean> allowed = access.arguments(scope, Visibility.SESSIONS, regionCode, null).replaceWith(true);
        // Read (and its session, region and order resolved) through the bus' own pool: not queued behind the write
        // path's statements in the service's.
        return Multi.createFrom().uni(allowed).onFailure(ForbiddenException.class).recoverWithCompletion()
                .onItem().transformToMultiAndConcatenate(ok -> bus.raised()
                        .onItem().transformToUniAndConcatenate(id -> alerts.visible(bus.reads(), scope, id, session,
                                regionCode).onFailure().recoverWithNull())
                        .filter(Objects::nonNull).map(Alert::asPushed));
    }

    /** The bus' pool for the subscription's alerts, the service's for the query's. */
    private Pool through(List<Alert> list) {
        return !list.isEmpty() && list.stream().allMatch(Alert::pushed) ? bus.reads() : null;
    }

    @Name("session")
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<LiveSession>> sessionOfAlert(@Source List<Alert> list) {
        return sessions.findAll(through(list), Scope.ALL,
                list.stream().map(Alert::sessionId).filter(Objects::nonNull).toList())
                .map(byId -> list.stream().map(a -> a.sessionId() == null ? null : byId.get(a.sessionId())).toList());
    }

    @Name("region")
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<Region>> regionOfAlert(@Source List<Alert> list) {
        return regions.findAll(through(list), list.stream().map(Alert::regionCode).filter(Objects::nonNull).toList())
                .map(byCode -> list.stream().map(a -> a.regionCode() == null ? null : byCode.get(a.regionCode()))
                        .toList());
    }

    @Name("order")
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<Order>> orderOfAlert(@Source List<Alert> list) {
        return orders.findAll(through(list), list.stream().map(Alert::orderId).filter(Objects::nonNull).toList())
                .map(byId -> list.stream().map(a -> a.orderId() == null ? null : byId.get(a.orderId())).toList());
    }
}
