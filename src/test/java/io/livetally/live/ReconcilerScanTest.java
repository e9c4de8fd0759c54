package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The reconciler's scan of a big session (docs/PERFORMANCE.md, "The reconciler's first pass"): every id the counted
 * set lacks is found, asked a chunk at a time with at most four commands in flight, so that Redis serves the stats
 * reads and ingest between them. Sent all at once (as before), the 21 chunks here were all in flight together and
 * this fails on the count.
 */
@QuarkusTest
class ReconcilerScanTest {

    @Inject
    RedisLiveReader reader;
    @Inject
    Redis redis;

    @Test
    void aScanOfManyIdsFindsEveryMissingOneFourCommandsAtATime() {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("ReconcilerScanTest seed " + seed + " (-Dseed= to repeat)");
        Random random = new Random(seed);
        long session = 8_000_000_000L + random.nextInt(1_000_000);
        LiveKeys keys = new LiveKeys(session);
        List<Long> ids = new ArrayList<>();
        Set<Long> missing = new TreeSet<>();
        Request add = Request.cmd(Command.SADD).arg(keys.counted());
        for (long id = 1; id <= 20_300; id++) {
            ids.add(id);
            if (random.nextInt(50) == 0) {
                missing.add(id);
            } else {
                add.arg(Long.toString(id));
            }
        }
        redis.send(add).await().atMost(Duration.ofSeconds(10));
        try {
            List<Long> found = reader.uncounted(session, false, ids).await().atMost(Duration.ofSeconds(30));

            assertThat(new TreeSet<>(found)).isEqualTo(missing);
            assertThat(found).hasSameSizeAs(missing);
            assertThat(reader.mostChecksInFlight()).as("commands in flight at once").isBetween(1, RedisLiveReader.CHECKS_AT_ONCE);
        } finally {
            redis.send(Request.cmd(Command.DEL).arg(keys.counted())).await().atMost(Duration.ofSeconds(10));
        }
    }
}
