package io.livetally.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Empties the tests' Redis database whenever a test application starts, as Flyway empties the test
 * PostgreSQL database (clean-at-start): ids then start again from 1, and counters an earlier run left
 * in Redis under {@code lt:{s<id>}:…} would otherwise be taken for those of the new sessions with the
 * same ids.
 */
@ApplicationScoped
public class EmptyRedisDatabaseAtStart {

    void onStart(@Observes StartupEvent event, Redis redis) {
        // FLUSHDB empties only the database the tests are configured with (REDIS_URL …/6); never FLUSHALL:
        // other engineers' processes share this Redis server in other databases.
        redis.send(Request.cmd(Command.FLUSHDB)).await().indefinitely();
    }
}
