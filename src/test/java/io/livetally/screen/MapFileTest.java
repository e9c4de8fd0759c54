package io.livetally.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/** A deployment's map file: keyed however it is (adcode, code or id), stale codes corrected, bad files named. */
class MapFileTest {

    @TempDir
    Path dir;

    private ScreensConfig.MapSource source(String json, String... recode) throws IOException {
        Path file = dir.resolve("map.json");
        Files.writeString(file, json);
        return new ScreensConfig.MapSource() {
            @Override
            public String location() {
                return file.toString();
            }

            @Override
            public List<String> recode() {
                return recode.length == 0 ? List.of("none") : List.of(recode);
            }
        };
    }

    @Test
    void codesComeFromAdcodeCodeOrIdAndStaleOnesAreCorrected() throws IOException {
        MapFile map = MapFile.load("t", source("""
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"adcode":500228,"name":"梁平县"},"geometry":null},
                  {"type":"Feature","properties":{"code":"500238","name":"巫溪县"},"geometry":null},
                  {"type":"Feature","id":"500232","properties":{"name":"武隆县"},"geometry":null}]}""",
                "500228=500155", " 500232 = 500156 "));
        JsonObject json = new JsonObject(map.text());
        assertThat(map.features()).isEqualTo(3);
        assertThat(json.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties").getString("code")))
                .containsExactly("500155", "500238", "500156");
        assertThat(json.getJsonArray("features").getJsonObject(0).getString("id")).isEqualTo("500155");
        assertThat(map.etag()).startsWith("\"").endsWith("\"");
    }

    @Test
    void aFileThatIsNoFeatureCollectionOrLacksACodeIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> MapFile.load("t", source("{\"type\":\"Feature\"}")))
                .hasMessageContaining("livetally.screens.maps.t.location").hasMessageContaining("FeatureCollection");
        assertThatThrownBy(() -> MapFile.load("t", source("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{}}]}")))
                .hasMessageContaining("feature 0 has no region code");
        assertThatThrownBy(() -> MapFile.load("t", source("not json")))
                .hasMessageContaining("is not a readable GeoJSON file");
        assertThatThrownBy(() -> MapFile.load("t", source("{\"type\":\"FeatureCollection\",\"features\":[]}", "500228")))
                .hasMessageContaining("'500228' is not old=new");
    }
}
