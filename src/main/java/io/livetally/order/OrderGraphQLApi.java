package io.livetally.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.catalog.CatalogRepository;
import io.livetally.catalog.Product;
import io.livetally.common.PageRequest;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Caller;
import io.livetally.security.ForbiddenException;
import io.livetally.security.Role;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Orders: the platforms' write path (record, refund) and the paged order lists. */
@GraphQLApi
@MaskUnexpectedErrors
public class OrderGraphQLApi {

    private final OrderIngest ingest;
    private final OrderBatcher batcher;
    private final OrderRepository orders;
    private final SessionRepository sessions;
    private final CatalogRepository catalog;
    private final Access access;
    /** SmallRye's view of the field being resolved: what the client selected under it. */
    private final Context context;

    public OrderGraphQLApi(OrderIngest ingest, OrderBatcher batcher, OrderRepository orders,
            SessionRepository sessions, CatalogRepository catalog, Access access, Context context) {
        this.context = context;
        this.access = access;
        this.ingest = ingest;
        this.batcher = batcher;
        this.orders = orders;
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @Query
    @NonNull
    @Description("Orders matching every given filter field, newest first; 20 a page by default, at most 100.")
    public Uni<OrderConnection> orders(OrderFilter filter, Integer first, String after) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        PageRequest page = PageRequest.of(first, OrderRepository.CURSOR, after, context);
        OrderFilter f = filter == null ? OrderFilter.NONE : filter;
        // Narrowed before the SQL runs, so totalCount and paging stay exact within the caller's scope.
        if (caller.host() && !caller.admin()) {
            String own = String.valueOf(caller.streamerId());
            if (f.streamerId() != null && !own.equals(f.streamerId())) {
                throw new ForbiddenException("a host sees only the orders of their own sessions");
            }
            return orders.page(f.withStreamerId(own), page);
        }
        return access.regionScope(caller, f.regionCode()).chain(code -> orders.page(f.withRegionCode(code), page));
    }

    @Mutation
    @NonNull
    @Description("Idempotent on (platform, externalId).")
    public Uni<OrderReceipt> recordOrder(@NonNull OrderInput input) {
        access.platform(java.util.Collections.singletonList(input.platform()));
        return batcher.record(input);
    }

    @Mutation
    @NonNull
    @Description("Up to 1000 orders; each is accepted, reported as duplicate, or rejected with a reason, independently.")
    public Uni<BatchReceipt> recordOrders(@NonNull List<@NonNull OrderInput> inputs) {
        // One foreign order refuses the whole batch: nothing of it is recorded.
        access.platform(inputs.stream().map(OrderInput::platform).toList());
        return ingest.record(inputs);
    }

    @Mutation
    @NonNull
    @Description("Idempotent: refunding a refunded order changes nothing.")
    public Uni<Order> refundOrder(@NonNull String platform, @NonNull String externalId) {
        access.platform(java.util.Collections.singletonList(platform));
        return orders.refund(platform, externalId);
    }

    @Name("orders")
    @NonNull
    public Uni<OrderConnection> sessionOrders(@Source LiveSession session, Integer first, String after) {
        Caller caller = access.require(Role.OFFICIAL, Role.HOST);
        PageRequest page = PageRequest.of(first, OrderRepository.CURSOR, after, context);
        return access.sessions(caller, List.of(session.streamerId()), List.of(session.regionCode()))
                .chain(() -> caller.admin() || caller.host() ? Uni.createFrom().<String>nullItem()
                        // An official sees the session's orders of products from their subtree.
                        : access.regionScope(caller, null))
                .chain(code -> orders.ofSession(session.id(), code, page));
    }

    public Uni<List<LiveSession>> session(@Source List<Order> list) {
        Caller caller;
        try {
            caller = access.require(Role.OFFICIAL, Role.HOST);
        } catch (ForbiddenException e) {
            // A batch resolver's thrown exception would reach the client masked: fail the Uni, keeping the code.
            return Uni.createFrom().failure(e);
        }
        return sessions.findAll(list.stream().map(Order::sessionId).filter(id -> id != null).toList())
                .call(byId -> access.sessions(caller, byId.values().stream().map(LiveSession::streamerId).toList(),
                        byId.values().stream().map(LiveSession::regionCode).toList()))
                .map(byId -> list.stream().map(o -> o.sessionId() == null ? null : byId.get(o.sessionId())).toList());
    }

    @NonNull
    public Uni<List<@NonNull Product>> product(@Source List<Order> list) {
        Caller caller = access.caller();
        return catalog.products(list.stream().map(Order::productId).toList())
                .call(byId -> access.catalogue(caller, byId.values().stream().map(Product::originRegionCode).toList()))
                .map(byId -> list.stream().map(o -> byId.get(o.productId())).toList());
    }
}
