package io.livetally.live;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one counter of the service's Prometheus scrape ({@code GET /q/metrics}). */
final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /** The value of the series {@code name{…label…}}, 0 while it has not been exported yet. */
    static double value(String name, String label) {
        String scrape = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
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
