package io.livetally.devservices;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Starts a real PostgreSQL and a real redis-server from binaries shipped in Maven jars, once per JVM
 * (dev mode restarts and test profiles reuse them), and stops them when the JVM exits. Dev and test
 * profiles only: these libraries are optional dependencies, left out of the prod jar.
 */
public final class EmbeddedServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    // System properties outlive the class loaders that dev mode replaces on every reload.
    private static final String PG_PORT = "livetally.embedded.postgresql.port";
    private static final String REDIS_PORT = "livetally.embedded.redis.port";

    private EmbeddedServers() {
    }

    public static synchronized Map<String, String> postgresql() throws IOException {
        String port = System.getProperty(PG_PORT);
        if (port == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> quietly(postgres::close)));
            port = String.valueOf(postgres.getPort());
            System.setProperty(PG_PORT, port);
            LOG.infof("livetally: no DB_HOST set, started an embedded PostgreSQL on 127.0.0.1:%s", port);
        }
        String url = "//127.0.0.1:" + port + "/postgres";
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql:" + url,
                "quarkus.datasource.reactive.url", "postgresql:" + url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "livetally.services.postgresql", "embedded 127.0.0.1:" + port);
    }

    public static synchronized Map<String, String> redis() throws IOException {
        String port = System.getProperty(REDIS_PORT);
        if (port == null) {
            int free = freePort();
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(free)
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> quietly(redis::stop)));
            port = String.valueOf(free);
            System.setProperty(REDIS_PORT, port);
            LOG.infof("livetally: no REDIS_URL set, started an embedded Redis on 127.0.0.1:%s", port);
        }
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + port,
                "livetally.services.redis", "embedded 127.0.0.1:" + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void quietly(AutoCloseable stop) {
        try {
            stop.close();
        } catch (Exception e) {
            LOG.debug("embedded server did not stop cleanly", e);
        }
    }
}
