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
import io.vertx.pgclient.PgConnectOptions;

/**
 * Hears of every new alert, whichever instance raised it: one PostgreSQL connection per instance LISTENs on
 * {@link AlertRepository#CHANNEL} (a raise notifies at its commit) and passes the ids on to this instance's
 * subscriptions. The channel belongs to the database, so instances of one deployment hear each other and nothing
 * else. The connection is re-opened after a loss (alerts raised meanwhile are in the {@code alerts} query).
 */
@ApplicationScoped
public class AlertBus {

    /** Alerts a subscriber may fall behind by before its subscription fails. */
    private static final int BUFFER = 10_000;

    private final BroadcastProcessor<Long> ids = BroadcastProcessor.create();
    private final PgSubscriber subscriber;

    public AlertBus(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
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
