package io.livetally.live;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The live insight as a viewer snapshot keeps it (JSON in PostgreSQL): counts, watch time with the open visits
 * closed at the snapshot, viewers who joined, viewers and orders by source, and each product's funnel.
 */
record InsightSnapshot(long follows, long shares, long comments, long watchMs, long joined,
        Map<TrafficSource, Insight.SourceFigures> bySource, Map<Long, long[]> funnel) {

    static final InsightSnapshot NONE = new InsightSnapshot(0, 0, 0, 0, 0, Map.of(), Map.of());

    static InsightSnapshot of(LiveFigures figures, long takenAtMs) {
        Insight i = figures.insight();
        long open = Math.max(0, i.openCount() * takenAtMs - i.openJoinMsSum());
        Map<Long, long[]> funnel = new HashMap<>();
        figures.byProduct().forEach((id, p) -> {
            if (p.impressions() + p.clicks() + p.addToCarts() > 0) {
                funnel.put(id, new long[] {p.impressions(), p.clicks(), p.addToCarts()});
            }
        });
        return new InsightSnapshot(i.follows(), i.shares(), i.comments(), i.watchMs() + open, i.joined(), i.bySource(),
                funnel);
    }

    JsonObject toJson() {
        JsonObject sources = new JsonObject();
        bySource.forEach((s, f) -> sources.put(s.name(), new JsonArray().add(f.viewers()).add(f.orders())));
        JsonObject products = new JsonObject();
        funnel.forEach((id, f) -> products.put(id.toString(), new JsonArray().add(f[0]).add(f[1]).add(f[2])));
        return new JsonObject().put("follows", follows).put("shares", shares).put("comments", comments)
                .put("watchMs", watchMs).put("joined", joined).put("sources", sources).put("funnel", products);
    }

    static InsightSnapshot fromJson(JsonObject json) {
        if (json == null) {
            return NONE;
        }
        Map<TrafficSource, Insight.SourceFigures> sources = new EnumMap<>(TrafficSource.class);
        JsonObject s = json.getJsonObject("sources", new JsonObject());
        s.fieldNames().forEach(name -> sources.put(TrafficSource.valueOf(name),
                new Insight.SourceFigures(s.getJsonArray(name).getLong(0), s.getJsonArray(name).getLong(1))));
        Map<Long, long[]> funnel = new HashMap<>();
        JsonObject f = json.getJsonObject("funnel", new JsonObject());
        f.fieldNames().forEach(id -> funnel.put(Long.parseLong(id), new long[] {f.getJsonArray(id).getLong(0),
                f.getJsonArray(id).getLong(1), f.getJsonArray(id).getLong(2)}));
        return new InsightSnapshot(json.getLong("follows", 0L), json.getLong("shares", 0L),
                json.getLong("comments", 0L), json.getLong("watchMs", 0L), json.getLong("joined", 0L), sources, funnel);
    }

    /** The insight these figures stand for (no open visit), with the buyer provinces computed from the orders. */
    Insight insight(Map<String, Insight.ProvinceFigures> byProvince) {
        return new Insight(follows, shares, comments, watchMs, 0, 0, joined, bySource, byProvince);
    }

    /** The products' sales with their funnel added (a product with funnel events and no order is listed too). */
    Map<Long, LiveFigures.ProductFigures> withFunnel(Map<Long, LiveFigures.ProductFigures> sales) {
        if (funnel.isEmpty()) {
            return sales;
        }
        Map<Long, LiveFigures.ProductFigures> all = new HashMap<>(sales);
        funnel.forEach((id, f) -> {
            LiveFigures.ProductFigures p = all.getOrDefault(id, new LiveFigures.ProductFigures(0, 0, 0));
            all.put(id, new LiveFigures.ProductFigures(p.orders(), p.items(), p.gmvCents(), f[0], f[1], f[2]));
        });
        return all;
    }
}
