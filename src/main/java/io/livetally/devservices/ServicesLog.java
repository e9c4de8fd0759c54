package io.livetally.devservices;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Says at start-up which PostgreSQL and Redis the service talks to: external or embedded. */
@ApplicationScoped
public class ServicesLog {

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "livetally.services.postgresql") Optional<String> postgresql,
            @ConfigProperty(name = "livetally.services.redis") Optional<String> redis,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> databaseUrl,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> redisHosts) {
        Log.infof("livetally: PostgreSQL %s, Redis %s",
                postgresql.orElse(databaseUrl.map(url -> "external " + url).orElse("unset")),
                withoutPassword(redis.orElse(redisHosts.map(hosts -> "external " + hosts).orElse("unset"))));
    }

    /** A Redis URL may carry a password ({@code redis://:secret@host}): the log shows {@code ***} instead. */
    static String withoutPassword(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
