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

    public OrderGraphQLApi(OrderIngest ingest, OrderBatcher batcher, OrderRepository orders,
            SessionRepository sessions, CatalogRepository catalog) {
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
        return orders.page(filter, PageRequest.of(first, OrderRepository.CURSOR, after));
    }

    @Mutation
    @NonNull
    @Description("Idempotent on (platform, externalId).")
    public Uni<OrderReceipt> recordOrder(@NonNull OrderInput input) {
        return batcher.record(input);
    }

    @Mutation
    @NonNull
    @Description("Up to 1000 orders; each is accepted, reported as duplicate, or rejected with a reason, independently.")
    public Uni<BatchReceipt> recordOrders(@NonNull List<@NonNull OrderInput> inputs) {
        return ingest.record(inputs);
    }

    @Mutation
    @NonNull
    @Description("Idempotent: refunding a refunded order changes nothing.")
    public Uni<Order> refundOrder(@NonNull String platform, @NonNull String externalId) {
        return orders.refund(platform, externalId);
    }

    @Name("orders")
    @NonNull
    public Uni<OrderConnection> sessionOrders(@Source LiveSession session, Integer first, String after) {
        return orders.ofSession(session.id(), PageRequest.of(first, OrderRepository.CURSOR, after));
    }

    public Uni<List<LiveSession>> session(@Source List<Order> list) {
        return sessions.findAll(list.stream().map(Order::sessionId).filter(id -> id != null).toList())
                .map(byId -> list.stream().map(o -> o.sessionId() == null ? null : byId.get(o.sessionId())).toList());
    }

    @NonNull
    public Uni<List<@NonNull Product>> product(@Source List<Order> list) {
        return catalog.products(list.stream().map(Order::productId).toList())
                .map(byId -> list.stream().map(o -> byId.get(o.productId())).toList());
    }
}
