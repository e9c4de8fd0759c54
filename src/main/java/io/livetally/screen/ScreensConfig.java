package io.livetally.screen;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The big screens' settings ({@code livetally.screens.*}, documented in application.properties and docs/SCREENS.md). */
@ConfigMapping(prefix = "livetally.screens")
public interface ScreensConfig {

    /** The maps the screens draw, by name (the file is served as {@code /screen/maps/<name>.json}). */
    Map<String, MapSource> maps();

    /** Where one map's GeoJSON comes from, and the region codes to correct in it. */
    interface MapSource {

        /**
         * {@code classpath:<resource>} or a file path: a GeoJSON FeatureCollection whose features carry their
         * GB/T 2260 code as {@code properties.adcode}, {@code properties.code} or the feature's {@code id}.
         */
        String location();

        /** Codes renamed since the file was drawn, as {@code old=new} (e.g. 500228=500155: 梁平县 became 梁平区). */
        @WithDefault("none")
        List<String> recode();
    }
}
