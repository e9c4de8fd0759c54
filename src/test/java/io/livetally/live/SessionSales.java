package io.livetally.live;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The order figures of a session's LiveStats, read either from the GraphQL answer or computed by SQL
 * straight from {@code sales_order}, so a test can compare the two whole.
 */
public record SessionSales(int orderCount, int itemsSold, BigDecimal gmv, BigDecimal refunds, BigDecimal netGmv,
        BigDecimal averageOrderValue, List<ProductLine> byProduct) {

    /** The fields of LiveStats that {@link #of(JsonPath)} reads, as a fragment to spread into a query. */
    public static final String FRAGMENT = """
            fragment Sales on LiveStats {
              orderCount itemsSold gmv refunds netGmv averageOrderValue
              byProduct { product { id } orderCount itemsSold gmv }
            }""";

    public record ProductLine(String productId, int orderCount, int itemsSold, BigDecimal gmv) {
    }

    private static final String TOTALS = """
            SELECT count(*) AS orders, coalesce(sum(quantity), 0) AS items, coalesce(sum(amount), 0.00) AS gmv,
                   coalesce(sum(amount) FILTER (WHERE status = 'REFUNDED'), 0.00) AS refunds,
                   CASE WHEN count(*) = 0 THEN 0.00 ELSE round(sum(amount) / count(*), 2) END AS average
            FROM sales_order WHERE session_id = $1""";
    private static final String BY_PRODUCT = """
            SELECT product_id, count(*) AS orders, sum(quantity) AS items, sum(amount) AS gmv
            FROM sales_order WHERE session_id = $1
            GROUP BY product_id ORDER BY sum(amount) DESC, product_id""";

    /** The figures as SQL sums over the session's rows in {@code sales_order}. */
    public static SessionSales inPostgres(Pool pool, String sessionId) {
        Tuple session = Tuple.of(Long.valueOf(sessionId));
        Row totals = pool.preparedQuery(TOTALS).execute(session).await().indefinitely().iterator().next();
        List<ProductLine> byProduct = new ArrayList<>();
        pool.preparedQuery(BY_PRODUCT).execute(session).await().indefinitely().forEach(row -> byProduct.add(
                new ProductLine(String.valueOf(row.getLong("product_id")), row.getInteger("orders"),
                        row.getInteger("items"), row.getBigDecimal("gmv"))));
        BigDecimal gmv = totals.getBigDecimal("gmv");
        BigDecimal refunds = totals.getBigDecimal("refunds");
        return new SessionSales(totals.getInteger("orders"), totals.getInteger("items"), gmv, refunds,
                gmv.subtract(refunds), totals.getBigDecimal("average"), byProduct);
    }

    /** The figures of a LiveStats answer rooted at the LiveStats object. */
    public static SessionSales of(JsonPath stats) {
        List<ProductLine> byProduct = new ArrayList<>();
        for (Map<String, Object> line : stats.<Map<String, Object>>getList("byProduct")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> product = (Map<String, Object>) line.get("product");
            byProduct.add(new ProductLine((String) product.get("id"), ((Number) line.get("orderCount")).intValue(),
                    ((Number) line.get("itemsSold")).intValue(), (BigDecimal) line.get("gmv")));
        }
        return new SessionSales(stats.getInt("orderCount"), stats.getInt("itemsSold"), stats.get("gmv"),
                stats.get("refunds"), stats.get("netGmv"), stats.get("averageOrderValue"), byProduct);
    }
}
