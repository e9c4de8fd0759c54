package io.livetally.screen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The big screens as the service serves them: page paths, headers, libraries, maps (the pages' behaviour: e2e/). */
@QuarkusTest
class ScreenResourcesTest {

    private static final List<String> MODULES = List.of("main", "lib", "api", "auth", "live", "chrome", "dom", "format",
            "time", "charts", "signin", "host", "region");

    @Test
    void everyScreenPathServesThePageShellWithAStrictContentSecurityPolicy() {
        for (String path : List.of("/screen/", "/screen/session/9", "/screen/region/500000", "/screen/region/x")) {
            Response page = given().redirects().follow(false).when().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.header("Content-Security-Policy")).as(path).isEqualTo(ScreenRoutes.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.asString()).contains("<script type=\"module\" src=\"/screen/js/main.js\"></script>");
        }
        assertThat(given().redirects().follow(false).when().get("/screen").header("Location")).endsWith("/screen/");
        given().when().get("/screen/session/9/extra").then().statusCode(404);
    }

    @Test
    void thePageAndItsModulesHoldNoInlineScriptStyleOrHandler() {
        String shell = resource("screen/index.html");
        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(shell);
        while (scripts.find()) {
            assertThat(scripts.group()).as("every script is a file").contains("src=");
        }
        assertThat(shell).doesNotContainPattern("(?i)\\sstyle\\s*=|\\son[a-z]+\\s*=|<style|javascript:|importmap");
        for (String module : MODULES) {
            String js = resource("screen/js/" + module + ".js");
            assertThat(js).as(module).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "setAttribute('style'", "eval(", "new Function", "localStorage", "console.log");
            given().when().get("/screen/js/" + module + ".js").then().statusCode(200)
                    .contentType(Matchers.javascript());
        }
    }

    @Test
    void theLibrariesTheModulesImportAreServedFromTheWebDependencies() {
        Matcher imports = Pattern.compile("from '(/[^']+)'").matcher(resource("screen/js/lib.js"));
        List<String> paths = new ArrayList<>();
        while (imports.find()) {
            paths.add(imports.group(1));
        }
        assertThat(paths).hasSize(2).anyMatch(p -> p.contains("/echarts/")).anyMatch(p -> p.contains("/graphql-ws/"));
        for (String path : paths) {
            given().when().get(path).then().statusCode(200).contentType(Matchers.javascript());
        }
        // graphql-ws' client imports its siblings: they must be served as JavaScript modules too
        given().when().get("/webjars/graphql-ws/5.16.0/lib/common.mjs").then().statusCode(200).contentType(Matchers.javascript());
        given().when().get("/webjars/graphql-ws/5.16.0/lib/utils.mjs").then().statusCode(200).contentType(Matchers.javascript());
    }

    @Test
    void theDistrictMapHasEveryDistrictOfTheRegionTreeByItsCurrentCode() {
        JsonObject map = new JsonObject(given().when().get("/screen/maps/chongqing.json").then().statusCode(200)
                .contentType("application/geo+json").extract().asString());
        Set<String> codes = new TreeSet<>();
        JsonArray features = map.getJsonArray("features");
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.getJsonObject(i);
            assertThat(feature.getString("id")).isEqualTo(feature.getJsonObject("properties").getString("code"));
            codes.add(feature.getString("id"));
        }
        // the 38 districts and counties the migrations load (other tests add districts of their own)
        Set<String> migrated = new TreeSet<>();
        Matcher code = Pattern.compile("'(500[12]\\d{2})'").matcher(classpath("db/migration/V2__regions.sql"));
        while (code.find()) {
            migrated.add(code.group(1));
        }
        Set<String> served = new TreeSet<>(GraphQLClient.data("{ regions(level: DISTRICT) { code } }", java.util.Map.of())
                .getList("regions.code", String.class));
        assertThat(migrated).hasSize(38);
        assertThat(codes).isEqualTo(migrated).contains("500155", "500156").doesNotContain("500228", "500232");
        assertThat(served).containsAll(codes);
    }

    @Test
    void theChinaMapIsKeyedByProvinceCodesAsOrdersNameBuyersProvinces() {
        JsonObject map = new JsonObject(given().when().get("/screen/maps/china.json").then().statusCode(200).extract().asString());
        List<String> codes = new ArrayList<>();
        map.getJsonArray("features").forEach(f -> codes.add(((JsonObject) f).getString("id")));
        assertThat(codes).contains("370000", "500000", "110000").allMatch(c -> c.matches("\\d{2}0000"));
    }

    @Test
    void anUnknownMapIsNotFoundAndNoDevTokensAreOfferedOutsideDevMode() {
        given().when().get("/screen/maps/nowhere.json").then().statusCode(404);
        assertThat(given().when().get("/screen/dev-tokens.json").then().statusCode(204).extract().asString()).isEmpty();
    }

    @Test
    void theChinaMapHasEveryProvinceByItsSixDigitCodeAndName() {
        JsonObject map = new JsonObject(given().when().get("/screen/maps/china.json").then().statusCode(200)
                .contentType("application/geo+json").extract().asString());
        Map<String, String> names = new TreeMap<>();
        JsonArray features = map.getJsonArray("features");
        for (int i = 0; i < features.size(); i++) {
            JsonObject properties = features.getJsonObject(i).getJsonObject("properties");
            names.put(properties.getString("code"), properties.getString("name"));
        }
        // keyed like Order.buyerProvince: 31 provinces, Taiwan, Hong Kong and Macao
        assertThat(names).hasSize(34).containsEntry("370000", "山东").containsEntry("500000", "重庆")
                .containsEntry("110000", "北京").containsEntry("820000", "澳门");
        assertThat(names.keySet()).allMatch(code -> code.matches("[1-8]\\d0000"));
    }

    @Test
    void aMapIsRevalidatedByItsEtag() {
        String etag = given().when().get("/screen/maps/chongqing.json").then().statusCode(200).extract().header("ETag");
        assertThat(etag).isNotBlank();
        given().header("If-None-Match", etag).when().get("/screen/maps/chongqing.json").then().statusCode(304);
    }

    @Test
    void theLargeLibraryIsSentCompressedToABrowserAndGraphQLAnswersAreNot() {
        Response echarts = given().header("Accept-Encoding", "gzip").when().get("/_static/echarts/5.6.0/dist/echarts.esm.min.js");
        assertThat(echarts.header("Content-Encoding")).isEqualTo("gzip");
        Response graphql = given().header("Accept-Encoding", "gzip").contentType("application/json")
                .body("{\"query\":\"{ __typename }\"}").when().post("/graphql");
        assertThat(graphql.header("Content-Encoding")).isNotEqualTo("gzip");
    }

    private static String resource(String name) {
        return classpath("META-INF/resources/" + name);
    }

    private static String classpath(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Content types a browser runs as a module script. */
    private static final class Matchers {
        static org.hamcrest.Matcher<String> javascript() {
            return org.hamcrest.Matchers.startsWith("text/javascript");
        }
    }
}
