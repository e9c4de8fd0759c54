package io.livetally.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.livetally.region.RegionLevel;

/** Words and file-name parts the exports show in Chinese. */
final class Names {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Names() {
    }

    static String level(RegionLevel level) {
        return switch (level) {
            case MUNICIPALITY -> "市";
            case DISTRICT -> "区县";
            case TOWNSHIP -> "乡镇";
            case VILLAGE -> "村";
        };
    }

    /** "_20250301-20250401" (days in China time), "_全部" without bounds. */
    static String period(Instant from, Instant to) {
        if (from == null && to == null) {
            return "_全部";
        }
        return "_" + (from == null ? "" : DAY.format(from.atZone(SHANGHAI))) + "-"
                + (to == null ? "" : DAY.format(to.atZone(SHANGHAI)));
    }
}
