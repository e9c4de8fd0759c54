package io.livetally.common;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the running application's management interface (health, metrics): its own port, not the public one. */
public final class Management {

    private Management() {
    }

    /** A request to the management interface; paths are absolute ({@code /q/metrics}). */
    public static RequestSpecification given() {
        URI url = url();
        return RestAssured.given().baseUri(url.getScheme() + "://" + url.getHost()).port(url.getPort()).basePath("");
    }

    public static int port() {
        return url().getPort();
    }

    private static URI url() {
        return URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
    }
}
