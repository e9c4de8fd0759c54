package io.livetally.analytics;

import java.util.List;

/**
 * Which grains each rollup keeps, by the depth of its region key (0 = every region, 1 =
 * municipality, 2 = district, 3 = township, 4 = village). Must agree with {@code analytics_fold}
 * in V3__analytics_rollups.sql: fine grains only where they compress, i.e. where a bucket holds many
 * orders (see docs/ANALYTICS.md). Periods are split into the grains kept; the rest is read raw.
 */
final class Grains {

    private static final List<Grain> HDM = List.of(Grain.HOUR, Grain.DAY, Grain.MONTH);
    private static final List<Grain> DM = List.of(Grain.DAY, Grain.MONTH);
    private static final List<Grain> M = List.of(Grain.MONTH);

    private Grains() {
    }

    static List<Grain> region(int depth) {
        return depth <= 2 ? HDM : DM;
    }

    /** The buyers' rollup (by province, buyer type, certified): hours only for the municipality. */
    static List<Grain> regionProvince(int depth) {
        return depth <= 1 ? HDM : depth == 2 ? DM : M;
    }

    /** Hosts' sales everywhere (depth 0) by hour; within the municipality or a district by day; deeper: raw. */
    static List<Grain> streamer(int depth) {
        return depth == 0 ? HDM : depth <= 2 ? DM : List.of();
    }

    static List<Grain> product() {
        return M;
    }

    /** Depth of a materialised path such as '/500000/500236/': the number of codes in it. */
    static int depth(String path) {
        int depth = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /**
     * Whether the raw edges of a region key are read by time (every order in the edge, matched by
     * path) rather than by the subtree's region codes: true where edges are at most two hours long
     * or the subtree is (nearly) everything.
     */
    static boolean wideRaw(int depth, List<Grain> grains) {
        return depth <= 1 || grains.contains(Grain.HOUR);
    }
}
