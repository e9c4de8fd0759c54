package io.livetally.security;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Closes the connection after the answer when the request's Connection header lists {@code close}
 * among other options ({@code Connection: Upgrade, close}): Vert.x honours it only as the header's whole
 * value, and RFC 9112 (9.6) says a server that receives it must close.
 */
@ApplicationScoped
public class ConnectionClose {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String connection = ctx.request().getHeader(HttpHeaders.CONNECTION);
            if (connection != null && !connection.trim().equalsIgnoreCase("close") && listsClose(connection)) {
                // addEndHandler is not enough: a later response().endHandler(...) (the request context's) replaces it.
                ctx.addBodyEndHandler(done -> ctx.request().connection().close());
            }
            ctx.next();
        });
    }

    static boolean listsClose(String header) {
        for (String option : header.split(",")) {
            if (option.trim().toLowerCase(Locale.ROOT).equals("close")) {
                return true;
            }
        }
        return false;
    }
}
