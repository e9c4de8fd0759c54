package io.livetally.alert;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Hears of every new alert, whichever instance raised it: one PostgreSQL connection per instance LISTENs on
 * {@link AlertRepository#CHANNEL} (a raise notifies at its commit) and passes the ids on to this instance's
 * subscriptions. The channel belongs to the database, so instances of one deployment hear each other and nothing
 * else. The connection is re-opened after a loss (alerts raised meanwhile are in the {@code alerts} query).
 *
 * <p>What a subscription reads about a new alert (the alert within the subscriber's scope; its session, region and
 * order) goes through
 * {@link #reads()}, a pool of its own ({@value #READ_CONNECTIONS} connections to the same database), not the service's
 * pool: under a burst of orders every connection of that pool is busy with the write path and hundreds of statements
 * wait for one, and an alert read queued behind them reached its subscriber seconds after the order's
 * acknowledgement (docs/PERFORMANCE.md, "Live insight"). Alerts are few (once per kind, subject and window), so two
 * connections keep up with every subscriber of an instance.
 */
@ApplicationScoped
public class AlertBus {

    /** Alerts a subscriber may fall behind by before its subscription fails. */
    private static final int BUFFER = 10_000;
    /** Connections of {@link #reads()}. */
    static final int READ_CONNECTIONS = 2;

    private final BroadcastProcessor<Long> ids = BroadcastProcessor.create();
    private final PgSubscriber subscriber;
    private final Pool reads;

    public AlertBus(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.statement_timeout",
                    defaultValue = "15s") String statementTimeout) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        PgConnectOptions readOptions = new PgConnectOptions(options);
        readOptions.addProperty("jit", "off");
        readOptions.addProperty("statement_timeout", statementTimeout);
        readOptions.addProperty("application_name", "livetally-alerts");
        this.reads = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(READ_CONNECTIONS).setName("livetally-alerts"))
                .connectingTo(readOptions).using(vertx.getDelegate()).build());
    }

    void start(@Observes StartupEvent event) {
        subscriber.channel(AlertRepository.CHANNEL).handler(payload -> {
            try {
                ids.onNext(Long.parseLong(payload));
            } catch (NumberFormatException e) {
                Log.warnf("ignored a notification on %s: %s", AlertRepository.CHANNEL, payload);
            }
        });
        subscriber.connect().onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .atMost(30).subscribe().with(ok -> Log.debugf("listening on %s", AlertRepository.CHANNEL),
                e -> Log.warnf("alerts are not pushed to this instance's subscribers (LISTEN failed: %s)", e.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.closeAndForget();
        reads.closeAndForget();
    }

    /** The pool a subscription reads a new alert (and its session, region, order) through, apart from the write path's. */
    public Pool reads() {
        return reads;
    }

    /**
     * Ids of the alerts raised from now on, anywhere. Each subscriber reads an alert back before it takes the next
     * id, so ids that arrive meanwhile (two alerts of one commit, a burst) wait in that subscriber's buffer: the
     * processor alone would fail the subscription on the second id ("lack of requests") and lose both.
     */
    public Multi<Long> raised() {
        return ids.onOverflow().buffer(BUFFER);
    }
}
