package io.livetally.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.livetally.common.GraphQLClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every query the big screens send (read out of their JavaScript, as the browser composes them) stays within the
 * limits of the role that uses the screen, in production's values (application.properties): each costs at most
 * the role's maximum, and a screen refreshing as often as it may (every 5 s) spends less than its role's restore
 * rate, so a screen left open is never throttled. Subscriptions go over the WebSocket and are not priced.
 */
@QuarkusTest
class ScreenQueriesWithinLimitsTest {

    private static final Path SCRIPTS = Path.of("src/main/resources/META-INF/resources/screen/js");
    private static final Pattern CONSTANT = Pattern.compile("const (\\w+) = (`[^`]*`|'[^']*');", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("query\\((?:'([^']*)'|`([^`]*)`)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    /** The fastest a screen reloads its queries (region.js REFRESH_MS, host.js FEED_MS). */
    private static final long REFRESH_SECONDS = 5;

    @TestFactory
    Stream<DynamicTest> theRegionScreensQueriesStayWithinAnOfficialsLimits() throws IOException {
        return documents("region.js").entrySet().stream().map(document -> dynamicTest("region.js " + document.getKey(),
                () -> withinLimits(document.getValue(), "official", TestTokens.official(TestData.FENGJIE))));
    }

    @TestFactory
    Stream<DynamicTest> theSessionScreensQueriesStayWithinAHostsLimits() throws IOException {
        return documents("host.js").entrySet().stream().map(document -> dynamicTest("host.js " + document.getKey(),
                () -> withinLimits(document.getValue(), "host", TestTokens.host("1"))));
    }

    /** The sign-in page's list of screens: an official's and a host's. */
    @TestFactory
    Stream<DynamicTest> theSignInPagesQueriesStayWithinEachRolesLimits() throws IOException {
        return documents("signin.js").entrySet().stream().flatMap(document -> Stream.of(
                dynamicTest("signin.js " + document.getKey() + " as official",
                        () -> withinLimits(document.getValue(), "official", TestTokens.official(TestData.FENGJIE))),
                dynamicTest("signin.js " + document.getKey() + " as host",
                        () -> withinLimits(document.getValue(), "host", TestTokens.host("1")))));
    }

    @TestFactory
    Stream<DynamicTest> anAdminOpensEveryScreen() throws IOException {
        Map<String, String> all = new LinkedHashMap<>(documents("region.js"));
        documents("host.js").forEach((name, document) -> all.put("host " + name, document));
        return all.entrySet().stream().map(document -> dynamicTest("admin " + document.getKey(),
                () -> withinLimits(document.getValue(), "admin", TestTokens.admin())));
    }

    private static void withinLimits(String document, String role, String token) throws IOException {
        Instant now = Instant.now();
        Map<String, Object> variables = new HashMap<>();
        variables.put("code", TestData.FENGJIE);
        variables.put("c", TestData.FENGJIE);
        variables.put("from", now.minus(365, ChronoUnit.DAYS).toString());
        variables.put("to", now.toString());
        variables.put("id", "1");
        variables.put("timeline", true);

        JsonPath answer = GraphQLClient.as(token).json(document, variables);

        List<String> codes = answer.getList("errors.extensions.code", String.class);
        assertThat(codes == null ? List.of() : codes).as(answer.prettify()).doesNotContain("query-too-costly", "throttled");
        long cost = answer.getLong("extensions.cost.requested");
        Properties production = production();
        long maximum = Long.parseLong(production.getProperty("livetally.limits.roles." + role + ".max-cost"));
        long restoreRate = Long.parseLong(production.getProperty("livetally.limits.roles." + role + ".restore-rate"));
        assertThat(cost).as("cost of %s", document).isLessThanOrEqualTo(maximum);
        assertThat(cost / (double) REFRESH_SECONDS).as("points a second of %s reloaded every 5 s", document)
                .isLessThan(restoreRate);
    }

    /** The screen script's queries by name (a constant's, or {@code inline-N}), placeholders filled in. */
    static Map<String, String> documents(String script) throws IOException {
        String source = Files.readString(SCRIPTS.resolve(script));
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher constant = CONSTANT.matcher(source);
        while (constant.find()) {
            String literal = constant.group(2);
            constants.put(constant.group(1), literal.substring(1, literal.length() - 1));
        }
        Map<String, String> documents = new LinkedHashMap<>();
        constants.forEach((name, text) -> {
            String filled = fill(text, constants);
            String start = filled.strip();
            if (start.startsWith("query") || start.startsWith("mutation") || start.startsWith("{")) {
                documents.put(name, filled);
            }
        });
        Matcher inline = INLINE.matcher(source);
        List<String> inlines = new ArrayList<>();
        while (inline.find()) {
            inlines.add(fill(inline.group(1) != null ? inline.group(1) : inline.group(2), constants));
        }
        for (int i = 0; i < inlines.size(); i++) {
            documents.put("inline-" + (i + 1), inlines.get(i));
        }
        assertThat(documents).as("queries of %s", script).isNotEmpty();
        return documents;
    }

    private static String fill(String text, Map<String, String> constants) {
        String filled = text;
        for (int round = 0; round < 5 && PLACEHOLDER.matcher(filled).find(); round++) {
            filled = PLACEHOLDER.matcher(filled).replaceAll(m -> Matcher.quoteReplacement(constants.getOrDefault(m.group(1), "")));
        }
        return filled;
    }

    private static Properties production() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
