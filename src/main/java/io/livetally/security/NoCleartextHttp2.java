package io.livetally.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;

/**
 * Turns HTTP/2 over cleartext (h2c: the {@code Upgrade: h2c} of HTTP/1.1, and prior knowledge) off on
 * the public port: Vert.x answered a malformed upgrade attempt with 400 and {@code connection: close} but
 * left the socket open, and nothing here needs h2c (HTTP/2 over TLS is unaffected).
 */
@ApplicationScoped
public class NoCleartextHttp2 implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(io.vertx.core.http.HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
