package io.livetally.live;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Redis in readiness: reported, never fatal. Without Redis the service still answers (stats from
 * PostgreSQL, orders acknowledged), so an instance stays in rotation, marked degraded.
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements AsyncHealthCheck {

    private final Redis redis;

    public RedisHealthCheck(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING)).ifNoItem().after(Duration.ofMillis(500)).fail()
                .map(pong -> HealthCheckResponse.named("redis").up().withData("redis", "up").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("redis").up()
                        .withData("redis", "degraded: live counters unavailable, stats served from PostgreSQL")
                        .build());
    }
}
