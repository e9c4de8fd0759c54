package io.livetally.devservices;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the dev and test profiles at PostgreSQL and Redis: the servers named by the
 * {@code DB_*}/{@code REDIS_URL} environment variables when set, otherwise embedded ones started
 * on first use; and gives them an ephemeral JWT key pair. The prod profile gets nothing from here (nothing
 * embedded is on its class path): only its variables are checked, before anything starts.
 */
public class ServicesConfigSourceFactory implements ConfigSourceFactory {

    private static final List<String> EMBEDDABLE_PROFILES = List.of("dev", "test");
    /** What production needs, and what each variable names. */
    private static final Map<String, String> PRODUCTION_VARIABLES = orderedMap(
            "DB_HOST", "DB_HOST names the PostgreSQL server, with DB_PORT, DB_NAME, DB_USER and DB_PASSWORD",
            "REDIS_URL", "REDIS_URL names the Redis server, e.g. redis://redis.example:6379",
            "JWT_PUBLIC_KEY_LOCATION", "JWT_PUBLIC_KEY_LOCATION names the PEM public key (a file or URL) that"
                    + " verifies bearer tokens, see docs/SECURITY.md");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().stream().noneMatch(EMBEDDABLE_PROFILES::contains)) {
            requireProductionServices(context);
            return List.of();
        }
        Map<String, String> config = new HashMap<>();
        String dbHost = value(context, "DB_HOST");
        if (dbHost != null) {
            String url = "//" + dbHost + ':' + orDefault(context, "DB_PORT", "5432") + '/'
                    + orDefault(context, "DB_NAME", "livetally");
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql:" + url);
            config.put("quarkus.datasource.reactive.url", "postgresql:" + url);
            config.put("quarkus.datasource.username", orDefault(context, "DB_USER", "postgres"));
            config.put("quarkus.datasource.password", orDefault(context, "DB_PASSWORD", ""));
            config.put("livetally.services.postgresql", "external " + dbHost);
        } else {
            config.putAll(embedded("postgresql"));
        }
        String redisUrl = value(context, "REDIS_URL");
        if (redisUrl != null) {
            config.put("quarkus.redis.hosts", redisUrl);
            config.put("livetally.services.redis", "external " + redisUrl);
        } else {
            config.putAll(embedded("redis"));
        }
        // Tokens are verified with a key pair made for this JVM; dev and tests mint with its private half.
        config.put("mp.jwt.verify.publickey", io.livetally.security.EphemeralKeys.publicKey());
        return List.of(new PropertiesConfigSource(config, "livetally-services", 275));
    }

    /**
     * Production names its servers: stop at start-up, saying which variables are missing. A
     * ConfigurationException is what Quarkus reports as its message alone (one line on stderr, exit code 1),
     * not as "Failed to start application" with a stack trace.
     */
    private static void requireProductionServices(ConfigSourceContext context) {
        if (isBuildTime()) {
            return;
        }
        List<String> missing = missingProductionVariables(name -> value(context, name));
        if (!missing.isEmpty()) {
            throw new ConfigurationException(missingVariablesMessage(missing), Set.copyOf(missing));
        }
    }

    static List<String> missingProductionVariables(Function<String, String> environment) {
        return PRODUCTION_VARIABLES.keySet().stream().filter(name -> environment.apply(name) == null).toList();
    }

    /** One line: the log's ERROR level first, the missing variables, then what each one names. */
    static String missingVariablesMessage(List<String> missing) {
        String names = missing.size() == 1 ? missing.get(0)
                : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
        return "ERROR livetally cannot start in the prod profile: " + names + (missing.size() == 1 ? " is" : " are")
                + " not set (" + String.join("; ", missing.stream().map(PRODUCTION_VARIABLES::get).toList())
                + "); nothing is started embedded in production";
    }

    /**
     * Quarkus also reads the prod profile's configuration while building the jar, where no servers
     * are needed; only the build has Quarkus' deployment classes on its class path.
     */
    private static boolean isBuildTime() {
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false,
                    Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

    /**
     * Loaded by name so that the embedded servers' libraries, absent from the prod jar, are never
     * linked from code that the prod profile (or a native image) can reach.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> embedded(String service) {
        try {
            Class<?> servers = Class.forName("io.livetally.devservices.EmbeddedServers", true,
                    ServicesConfigSourceFactory.class.getClassLoader());
            return (Map<String, String>) servers.getMethod(service).invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("livetally: no " + service + " configured and the embedded "
                    + service + " cannot start (" + e + "); set DB_HOST/REDIS_URL to use running servers", e);
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private static String orDefault(ConfigSourceContext context, String name, String fallback) {
        String value = value(context, name);
        return value == null ? fallback : value;
    }
}
