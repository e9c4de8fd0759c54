package io.livetally.order;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Makes sales_order's monthly partitions ahead ({@code sales_order_make_partitions()}, R__orders_partitions.sql):
 * at start and then every {@code livetally.orders.partitions-every}. Orders never wait for it: a month without its
 * partition goes to the default one, which the next run empties into the month's own. Idempotent and guarded by an
 * advisory lock, so every instance may run it.
 */
@ApplicationScoped
public class OrderPartitions {

    private final Pool pool;
    private final int ahead;

    public OrderPartitions(Pool pool, @ConfigProperty(name = "livetally.orders.partitions-ahead") int ahead) {
        this.pool = pool;
        this.ahead = ahead;
    }

    @Scheduled(every = "${livetally.orders.partitions-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return make()
                .invoke(made -> {
                    if (made > 0) {
                        Log.infof("orders: made %d monthly partitions of sales_order", made);
                    }
                })
                .onFailure().invoke(failure -> Log.warn("orders: making the monthly partitions failed; orders go to"
                        + " the default partition meanwhile, the next run retries", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Makes the missing partitions now; how many were made (-1: another instance is making them). */
    public Uni<Integer> make() {
        // waits at most 2 s for the default partition's lock (an export may hold it): the next run retries
        return pool.preparedQuery("SELECT sales_order_make_partitions($1, NULL, interval '2 seconds') AS n")
                .execute(Tuple.of(ahead))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }
}
