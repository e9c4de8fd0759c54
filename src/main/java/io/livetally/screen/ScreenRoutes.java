package io.livetally.screen;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.livetally.security.DevTokens;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The big screens' routes: every {@code /screen/...} page path serves the one page shell (its modules read
 * the path), maps come normalised from their configured files, and every answer under {@code /screen/}
 * carries a strict Content-Security-Policy. The figures themselves come only from {@code /graphql}.
 */
@ApplicationScoped
public class ScreenRoutes {

    /** Same origin only, nothing inline, no plugins, frames or form posts (docs/SCREENS.md). */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'",
            "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'");
    /** After ConnectionClose, before Quarkus' static resources and everything else on these paths. */
    private static final int ORDER = Integer.MIN_VALUE + 300;
    private static final String SHELL = "META-INF/resources/screen/index.html";

    private final ScreensConfig config;
    private final DevTokens devTokens;
    private final Map<String, MapFile> maps = new ConcurrentHashMap<>();
    private Buffer shell;

    ScreenRoutes(ScreensConfig config, DevTokens devTokens) {
        this.config = config;
        this.devTokens = devTokens;
    }

    void register(@Observes Router router) {
        shell = Buffer.buffer(resource(SHELL));
        config.maps().forEach((name, source) -> {
            MapFile map = MapFile.load(name, source);
            maps.put(name, map);
            Log.debugf("screen map %s: %d features from %s", name, map.features(), source.location());
        });
        router.route("/screen*").order(ORDER).handler(ScreenRoutes::securityHeaders);
        router.getWithRegex("/screen").order(ORDER).handler(ctx -> ctx.redirect("/screen/"));
        router.getWithRegex("/screen/(?:|session/[^/]+|region/[^/]+)").order(ORDER).handler(this::page);
        router.getWithRegex("/screen/maps/([a-z0-9-]+)\\.json").order(ORDER).handler(this::map);
        router.get("/screen/dev-tokens.json").order(ORDER).handler(this::devTokens);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        ctx.next();
    }

    private void page(RoutingContext ctx) {
        compressible(ctx).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").end(shell);
    }

    private void map(RoutingContext ctx) {
        MapFile map = maps.get(ctx.pathParam("param0"));
        if (map == null) {
            ctx.next();
            return;
        }
        if (map.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).putHeader("ETag", map.etag()).end();
            return;
        }
        compressible(ctx).putHeader("Content-Type", "application/geo+json")
                .putHeader("Cache-Control", "no-cache").putHeader("ETag", map.etag()).end(map.body());
    }

    /**
     * Lets Quarkus gzip this answer for a client that accepts it (quarkus.http.enable-compression marks every
     * answer {@code Content-Encoding: identity}; static resources lift it, a route of its own must).
     */
    private static io.vertx.core.http.HttpServerResponse compressible(RoutingContext ctx) {
        ctx.response().headers().remove("Content-Encoding");
        return ctx.response();
    }

    /** Dev mode only: the dev tokens the log prints, so that the sign-in page can offer them (204 elsewhere). */
    private void devTokens(RoutingContext ctx) {
        List<DevTokens.Token> tokens = devTokens.tokens();
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || tokens.isEmpty()) {
            // No Content rather than 404: the sign-in page asks every time, and a 404 is an error in its console.
            ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
            return;
        }
        JsonArray list = new JsonArray();
        tokens.forEach(t -> list.add(new JsonObject().put("label", t.label()).put("token", t.token())));
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(list.encode());
    }

    private static byte[] resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot be read", e);
        }
    }
}
