package io.livetally.security;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with the one JVM setting that must precede Quarkus' HTTP layer: Quarkus answers a
 * request whose URI {@link java.net.URI} cannot parse (a broken percent-escape, raw braces in a query
 * string) with an empty 400 before any route runs; with {@code vertx.disableURIValidation} the request
 * gate answers it as GraphQL over HTTP asks ({@code invalid-request}, or the query it decodes to). The
 * test JVMs (surefire) and dev mode (quarkus-maven-plugin) get the same property from the pom.
 */
@QuarkusMain
public final class LivetallyMain {

    static final String URI_VALIDATION = "vertx.disableURIValidation";

    private LivetallyMain() {
    }

    public static void main(String... args) {
        System.setProperty(URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
