package io.livetally.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.livetally.common.Management;

/** Reads one counter of the service's Prometheus scrape ({@code GET /q/metrics} on the management port). */
final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /** The value of the series {@code name{…label…}}, 0 while it has not been exported yet. */
    static double value(String name, String label) {
        String scrape = Management.given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)").matcher(scrape);
        while (series.find()) {
            if (label == null || series.group(1).contains(label)) {
                return Double.parseDouble(series.group(2));
            }
        }
        Matcher unlabelled = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\S+)").matcher(scrape);
        return label == null && unlabelled.find() ? Double.parseDouble(unlabelled.group(1)) : 0;
    }

    static double value(String name) {
        return value(name, null);
    }
}
