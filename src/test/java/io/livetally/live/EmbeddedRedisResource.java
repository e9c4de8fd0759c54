package io.livetally.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A redis-server of the test's own, on a free port, for tests that stop and restart Redis: the machine's
 * Redis is shared with other processes and must never be stopped. Injected into the test's
 * {@link RedisServer} field.
 */
public class EmbeddedRedisResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        try {
            int port = freePort();
            // No persistence: a restart loses every key, like a Redis whose data is gone.
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(RedisServer.class));
    }

    /** Starts the server again if a test stopped it (for an {@code @AfterEach}: the next test needs Redis). */
    public static void running(RedisServer redis) throws IOException {
        if (!redis.isActive()) {
            redis.start();
        }
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
