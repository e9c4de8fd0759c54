package io.livetally.order;

import static io.livetally.security.Role.ADMIN;
import static io.livetally.security.Role.HOST;
import static io.livetally.security.Role.OFFICIAL;
import static io.livetally.security.Role.PLATFORM;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.livetally.catalog.CatalogRepository;
import io.livetally.catalog.Product;
import io.livetally.common.Ids;
import io.livetally.common.PageRequest;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.security.Access;
import io.livetally.security.Allowed;
import io.livetally.security.Scope;
import io.livetally.security.Visibility;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/** Orders: the platforms' write path (record, refund) and the paged order lists. */
@GraphQLApi
@MaskUnexpectedErrors
public class OrderGraphQLApi {

    private static final String OWN_ORDERS = "a platform records and refunds only its own orders";

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
    @Allowed({ADMIN, OFFICIAL, HOST})
    @Description("Orders matching every given filter field, newest first; 20 a page by default, at most 100.")
    public Uni<OrderConnection> orders(OrderFilter filter, Integer first, String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, OrderRepository.CURSOR, after, context);
        OrderFilter f = filter == null ? OrderFilter.NONE : filter;
        Long streamerId = f.streamerId() == null ? null : Ids.parse(f.streamerId()).orElse(-1L);
        // Narrowed to the scope before the SQL runs, so totalCount and paging stay exact within it.
        return access.arguments(scope, Visibility.ORDERS, f.regionCode(), streamerId)
                .chain(() -> orders.page(scope, f, page));
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, PLATFORM})
    @Description("Idempotent on (platform, externalId).")
    public Uni<OrderReceipt> recordOrder(@NonNull OrderInput input) {
        access.platforms(access.scope(), Collections.singletonList(input.platform()), OWN_ORDERS);
        return batcher.record(input);
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, PLATFORM})
    @Description("Up to 1000 orders; each is accepted, reported as duplicate, or rejected with a reason, independently.")
    public Uni<BatchReceipt> recordOrders(@NonNull List<@NonNull OrderInput> inputs) {
        // One foreign order refuses the whole batch: nothing of it is recorded.
        access.platforms(access.scope(), inputs.stream().map(OrderInput::platform).toList(), OWN_ORDERS);
        return ingest.record(inputs);
    }

    @Mutation
    @NonNull
    @Allowed({ADMIN, PLATFORM})
    @Description("Idempotent: refunding a refunded order changes nothing.")
    public Uni<Order> refundOrder(@NonNull String platform, @NonNull String externalId) {
        access.platforms(access.scope(), Collections.singletonList(platform), OWN_ORDERS);
        return orders.refund(platform, externalId);
    }

    @Name("orders")
    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<OrderConnection> sessionOrders(@Source LiveSession session, Integer first, String after) {
        Scope scope = access.scope();
        PageRequest page = PageRequest.of(first, OrderRepository.CURSOR, after, context);
        // An official sees the session's orders of products from their subtree; a host all of their own session's.
        return access.check(scope, Visibility.SESSIONS, List.of(session.streamerId()), List.of(session.regionCode()))
                .chain(() -> orders.ofSession(scope, session.id(), page));
    }

    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<LiveSession>> session(@Source List<Order> list) {
        return sessions.findAll(access.scope(), list.stream().map(Order::sessionId).filter(Objects::nonNull).toList())
                .map(byId -> list.stream().map(o -> o.sessionId() == null ? null : byId.get(o.sessionId())).toList());
    }

    @NonNull
    @Allowed({ADMIN, OFFICIAL, HOST})
    public Uni<List<@NonNull Product>> product(@Source List<Order> list) {
        return catalog.products(access.scope(), list.stream().map(Order::productId).toList())
                .map(byId -> list.stream().map(o -> byId.get(o.productId())).toList());
    }
}
