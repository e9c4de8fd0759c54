package io.livetally.security;

import java.util.Map;
import java.util.Set;

/**
 * The one table of what each field of the schema costs (docs/API.md, "Query cost"). A field costs its weight
 * plus, for an object, what is selected inside it, multiplied by how many it returns: a connection
 * {@code 2 + first × (one edge)}, a list its bounded size, a ranking its {@code limit}. Everything not named here
 * takes the default: a scalar or enum field 0, an object field 1.
 */
final class CostWeights {

    /** An object field not named below. */
    static final long OBJECT = 1;
    /** A connection field itself (the page query), beside {@code first ×} one edge. */
    static final long CONNECTION = 2;
    /** A root mutation field: a write, with its checks and its transaction. */
    static final long MUTATION = 10;
    /** Ingest mutations by batch: each order of recordOrders 1, each ten viewer events of recordViewerEvents 1. */
    static final long PER_ORDER = 1;
    static final long VIEWER_EVENTS_PER_POINT = 10;
    /** A time series: its query, plus one per this many buckets. */
    static final long TIME_SERIES = 5;
    static final long BUCKETS_PER_POINT = 10;
    /** A ranking's query (top*), beside {@code limit ×} one row. */
    static final long RANKING = 10;
    /** {@code totalCount} of a connection not named in {@link #TOTAL_COUNT}. */
    static final long COUNT = 5;
    /** The page size of a connection whose {@code first} is not given ({@code PageRequest.DEFAULT_SIZE}). */
    static final long DEFAULT_FIRST = 20;
    /** A ranking's {@code limit} when not given, and its most ({@code analytics.Limits}). */
    static final long DEFAULT_LIMIT = 10;
    static final long MAX_LIMIT = 100;

    /**
     * Fields whose own price is more than an object's: analytics over rollups and raw orders, counts, Redis reads.
     * The weight replaces the default (1 for an object, 0 for a scalar); what is selected inside still adds.
     */
    static final Map<String, Long> FIELD = Map.ofEntries(
            // one SalesTotals: rollups plus the period's raw edges
            Map.entry("Region.totals", 5L),
            Map.entry("Streamer.totals", 5L),
            Map.entry("Product.totals", 5L),
            Map.entry("Campaign.achieved", 5L),
            Map.entry("Campaign.completionRate", 5L),
            Map.entry("Query.povertyFocusTotals", 5L),
            Map.entry("SalesTotals.compare", 5L),
            // the breakdowns of a SalesTotals, each one more aggregate over the same slice
            Map.entry("SalesTotals.certified", 2L),
            Map.entry("SalesTotals.byChannel", 2L),
            Map.entry("SalesTotals.byBuyerType", 2L),
            Map.entry("SalesTotals.byBuyerProvince", 2L),
            Map.entry("SalesTotals.priceAlertCount", 2L),
            // counts over a region's subtree
            Map.entry("Region.productCount", 2L),
            Map.entry("Region.supplierCount", 2L),
            Map.entry("Region.householdsBenefited", 2L),
            // a live session's figures: one Redis round trip (or PostgreSQL when Redis is away)
            Map.entry("LiveSession.stats", 2L));

    /**
     * {@code totalCount} by connection field: a count of the rows the filter matches. An admin's {@code orders}
     * counts over every order (millions); a session's orders, or the catalogue, are small.
     */
    static final Map<String, Long> TOTAL_COUNT = Map.of("Query.orders", 50L);

    /**
     * Lists without a size argument: how many items each returns in practice (a district has 20-odd townships, a
     * township a dozen villages; a session features a handful of products).
     */
    static final Map<String, Long> LIST_SIZE = Map.ofEntries(
            Map.entry("Query.regions", 40L),
            Map.entry("Region.children", 20L),
            Map.entry("Query.campaigns", 20L),
            Map.entry("Query.liveSessions", 20L),
            Map.entry("Supplier.products", 20L),
            Map.entry("LiveSession.products", 20L),
            Map.entry("LiveStats.byProduct", 20L),
            Map.entry("LiveStats.byTrafficSource", 6L),
            Map.entry("LiveStats.byBuyerProvince", 34L),
            Map.entry("SalesTotals.byChannel", 5L),
            Map.entry("SalesTotals.byBuyerType", 6L),
            Map.entry("SalesTotals.byBuyerProvince", 34L),
            Map.entry("BatchReceipt.rejected", 0L));

    /** Rankings: {@code limit} rows of one query. */
    static final Set<String> RANKINGS = Set.of("Query.topRegions", "Query.topStreamers", "Query.topProducts");

    /**
     * Time series, by bucket count: {@code Region.timeSeries} from its period and granularity; a session's
     * {@code timeline} by its granularity over a session of at most {@link #SESSION_HOURS} hours.
     */
    static final String TIME_SERIES_FIELD = "Region.timeSeries";
    static final String TIMELINE_FIELD = "LiveSession.timeline";
    static final long SESSION_HOURS = 12;
    /** {@code Slots.MAX_BUCKETS}: a longer series is refused when it runs. */
    static final long MAX_BUCKETS = 5000;

    /**
     * Rows of a result already computed by the field above them (a bucket, a ranking row, a breakdown): they cost
     * nothing of their own, only what they lead to (a ranking row's {@code region} is a look-up: 1).
     */
    static final Set<String> FREE_TYPES = Set.of("TimeBucket", "ChannelTotals", "BuyerTypeTotals", "ProvinceTotals",
            "SalesFigures", "PageInfo", "RejectedOrder", "SalesComparison", "RegionRanking", "StreamerRanking",
            "ProductRanking", "ProductSales", "BatchReceipt", "OrderReceipt", "TrafficSourceStats",
            "ProvinceSales");

    /** A ranking row's totals come with the ranking's own query. */
    static final Set<String> FREE_FIELDS = Set.of("RegionRanking.totals", "StreamerRanking.totals", "ProductRanking.totals");

    /**
     * A live session's figures, served from Redis (PostgreSQL only while Redis is away) with the products they name
     * from memory ({@code RecentProducts}): priced in full for the caller's bucket, but only their own weight for
     * {@code AnalyticsAdmission} (docs/SECURITY.md, "Ingest first"), which holds back what costs PostgreSQL work.
     */
    static final Set<String> LIVE_FIGURES = Set.of("LiveSession.stats");

    /** The mutations a platform's ingest bucket pays for (docs/SECURITY.md, "Rate limits"). */
    static final Set<String> INGEST = Set.of("recordOrder", "recordOrders", "refundOrder", "recordViewerEvents");

    private CostWeights() {
    }
}
