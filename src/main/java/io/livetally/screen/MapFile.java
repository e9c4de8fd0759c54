package io.livetally.screen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One map's GeoJSON as the screens read it: every feature's region code in {@code properties.code} (taken
 * from {@code adcode}, {@code code} or the feature id, stale codes corrected), the rest as the file has it.
 */
record MapFile(Buffer body, String etag, int features) {

    /** Reads and normalises a map file; fails with a message naming the location when it cannot. */
    static MapFile load(String name, ScreensConfig.MapSource source) {
        JsonObject json;
        try {
            json = new JsonObject(Buffer.buffer(read(source.location())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("livetally.screens.maps." + name + ".location=" + source.location()
                    + " is not a readable GeoJSON file: " + e.getMessage(), e);
        }
        JsonArray features = json.getJsonArray("features");
        if (!"FeatureCollection".equals(json.getString("type")) || features == null) {
            throw new IllegalStateException("livetally.screens.maps." + name + ".location=" + source.location()
                    + " is not a GeoJSON FeatureCollection");
        }
        Map<String, String> recode = recodes(name, source.recode());
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.getJsonObject(i);
            JsonObject properties = feature.getJsonObject("properties", new JsonObject());
            Object code = properties.getValue("adcode", properties.getValue("code", feature.getValue("id")));
            if (code == null) {
                throw new IllegalStateException("livetally.screens.maps." + name + ": feature " + i
                        + " has no region code (properties.adcode, properties.code or id)");
            }
            String fixed = recode.getOrDefault(code.toString(), code.toString());
            feature.put("id", fixed).put("properties", properties.put("code", fixed));
        }
        Buffer body = json.toBuffer();
        return new MapFile(body, etag(body.getBytes()), features.size());
    }

    private static byte[] read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such resource on the classpath");
                }
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    private static Map<String, String> recodes(String name, List<String> pairs) {
        Map<String, String> recode = new HashMap<>();
        for (String pair : pairs) {
            if (pair.equals("none")) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("livetally.screens.maps." + name + ".recode: '" + pair
                        + "' is not old=new");
            }
            recode.put(parts[0].strip(), parts[1].strip());
        }
        return recode;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
