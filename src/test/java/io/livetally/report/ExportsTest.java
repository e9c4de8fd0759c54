package io.livetally.report;

import static io.livetally.common.GraphQLClient.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The exports as a person uses them: downloaded with a bearer token, the XLSX opened with a real reader (sheet
 * names, header row, numbers as numbers, Chinese intact), the CSV parsed by a real CSV parser; every totals row
 * equal to the API's figures to the fen; scopes as in the API; refusals GraphQL-shaped.
 */
@QuarkusTest
class ExportsTest {

    private static final String FROM = "2024-03-01T00:00:00+08:00";
    private static final String TO = "2024-04-01T00:00:00+08:00";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    Exports exports;

    private Tree tree;
    private long host;

    @BeforeEach
    void sales() {
        tree = data.tree(2, 2);
        long certified = data.insertSupplier(tree.district(), true, false, 3);
        long uncertified = data.insertSupplier(tree.district(), false, false, 3);
        List<NewOrder> orders = new ArrayList<>();
        host = data.insertStreamer(tree.district());
        long session = data.insertEndedSession(host, tree.district());
        String[] types = {"CONSUMER", "EAST_WEST_COOPERATION", "BUDGET_UNIT"};
        for (int i = 0; i < tree.all().size(); i++) {
            String region = tree.all().get(i);
            long product = data.insertProduct(region, i % 2 == 0 ? certified : uncertified, "12.30", true);
            for (int k = 0; k < 6; k++) {
                Instant placed = Instant.parse("2024-03-0" + (1 + k) + "T03:00:00Z").plusSeconds(i * 61L);
                boolean live = k % 3 == 0;
                orders.add(new NewOrder(live ? "LIVESTREAM" : "FAIR", live ? session : null, live ? host : null,
                        product, region, 1 + k % 3, new BigDecimal("12.30"), k % 2 == 0 ? "370000" : "500000", placed,
                        k == 4, k == 5, types[k % 3], null));
                // the same month a year earlier, for 同比
                orders.add(new NewOrder("FAIR", null, null, product, region, 1, new BigDecimal("12.30"), "500000",
                        placed.minus(Duration.ofDays(366)), false, false, "CONSUMER", null));
            }
        }
        data.insertOrders(orders);
    }

    @Test
    void theRegionsWorkbookOpensInAReaderWithNumbersAndChineseAndItsTotalsRowIsTheApis() throws Exception {
        byte[] file = download("/reports/regions.xlsx?parent=" + tree.district() + "&from=" + enc(FROM) + "&to="
                + enc(TO), TestTokens.admin(), XLSX);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("区域销售");
            List<Row> rows = sheet.read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("区域代码");
            assertThat(rows.get(0).getCellText(6)).isEqualTo("净销售额(元)");
            // the townships, then the district's own totals
            assertThat(rows).hasSize(1 + tree.townships().size() + 1);
            for (int r = 1; r < rows.size(); r++) {
                Row row = rows.get(r);
                String code = row.getCellText(0);
                assertThat(row.getCell(6).getType()).as("netGmv is a number").isEqualTo(CellType.NUMBER);
                JsonPath api = regionTotals(code, TestTokens.admin());
                assertThat(row.getCellText(1)).as("Chinese intact").contains("测试");
                assertThat(row.getCell(4).asNumber()).isEqualByComparingTo(api.<BigDecimal>get("region.totals.gmv"));
                assertThat(row.getCell(6).asNumber()).isEqualByComparingTo(api.<BigDecimal>get("region.totals.netGmv"));
                assertThat(row.getCell(7).asNumber().intValue()).isEqualTo(api.getInt("region.totals.orderCount"));
                BigDecimal certified = api.get("region.totals.certified.netGmv");
                int certifiedColumn = header(rows.get(0), "认证产品净销售额");
                assertThat(row.getCell(certifiedColumn).asNumber()).isEqualByComparingTo(certified);
                int growth = header(rows.get(0), "同比增长(净销售额)");
                Object yearAgo = api.get("region.totals.compare.netGmvGrowth");
                assertThat(row.getCell(growth).asNumber().doubleValue())
                        .isEqualTo(((Number) yearAgo).doubleValue());
            }
            assertThat(rows.get(rows.size() - 1).getCellText(1)).startsWith("合计");
            assertThat(rows.get(rows.size() - 1).getCellText(0)).isEqualTo(tree.district());
        }
    }

    @Test
    void theRegionsCsvIsUtf8WithABomAndParsesAsRfc4180() throws Exception {
        byte[] file = download("/reports/regions.csv?parent=" + tree.district() + "&from=" + enc(FROM) + "&to="
                + enc(TO), TestTokens.official(tree.district()), "text/csv");
        assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).get(1)).isEqualTo("区域名称");
        CSVRecord total = records.get(records.size() - 1);
        assertThat(total.get(1)).isEqualTo("合计（测试" + tree.district() + "）");
        JsonPath api = regionTotals(tree.district(), TestTokens.admin());
        assertThat(new BigDecimal(total.get(4))).isEqualTo(api.<BigDecimal>get("region.totals.gmv"));
        assertThat(new BigDecimal(total.get(6))).isEqualTo(api.<BigDecimal>get("region.totals.netGmv"));
        assertThat(Integer.parseInt(total.get(7))).isEqualTo(api.getInt("region.totals.orderCount"));
    }

    @Test
    void theOrdersCsvStreamsEveryOrderAndItsTotalsAreTheApisToTheFen() throws Exception {
        String query = "?regionCode=" + tree.district() + "&from=" + enc(FROM) + "&to=" + enc(TO);
        byte[] file = download("/reports/orders.csv" + query, TestTokens.official(tree.district()), "text/csv");
        List<CSVRecord> records = csv(file);
        assertThat(records.get(0).toList()).contains("买家标识", "买家类型", "认证产品");
        JsonPath api = regionTotals(tree.district(), TestTokens.admin());
        CSVRecord total = records.get(records.size() - 2);
        CSVRecord refunded = records.get(records.size() - 1);
        assertThat(total.get(0)).isEqualTo("合计");
        assertThat(Integer.parseInt(total.get(1))).isEqualTo(api.getInt("region.totals.orderCount"))
                .isEqualTo(records.size() - 3);
        assertThat(new BigDecimal(total.get(11))).isEqualTo(api.<BigDecimal>get("region.totals.gmv"));
        assertThat(Integer.parseInt(total.get(9))).isEqualTo(api.getInt("region.totals.itemsSold"));
        assertThat(new BigDecimal(refunded.get(11))).isEqualTo(api.<BigDecimal>get("region.totals.refunds"));
        assertThat(records.get(1).get(13)).isIn("普通消费者", "东西部协作", "预算单位采购");
    }

    @Test
    void aHostsOwnExportHasNoBuyerRefAndOnlyTheirOrders() throws Exception {
        byte[] file = download("/reports/orders.xlsx", TestTokens.host(String.valueOf(host)),
                XLSX);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            List<Row> rows = workbook.getFirstSheet().read();
            Row header = rows.get(0);
            List<String> names = new ArrayList<>();
            header.forEach(cell -> names.add(cell.getText()));
            assertThat(names).doesNotContain("买家标识").contains("主播ID");
            int hostColumn = names.indexOf("主播ID");
            for (Row row : rows.subList(1, rows.size() - 2)) {
                assertThat(row.getCell(hostColumn).asNumber().longValue()).isEqualTo(host);
            }
            assertThat(rows.get(rows.size() - 2).getCell(1).asNumber().intValue()).isEqualTo(rows.size() - 3);
        }
        assertThat(refusal("/reports/orders.csv?streamerId=1", TestTokens.host(String.valueOf(host)), 403))
                .isEqualTo("forbidden");
    }

    @Test
    void anOfficialOfWuxiCannotExportFengjie() {
        String wuxi = TestTokens.official(TestData.WUXI);
        for (String path : List.of("/reports/regions.csv?parent=" + TestData.FENGJIE,
                "/reports/regions.xlsx?parent=" + TestData.FENGJIE,
                "/reports/orders.csv?regionCode=" + TestData.FENGJIE,
                "/reports/campaigns.xlsx?regionCode=" + TestData.FENGJIE,
                "/reports/bulletin.xlsx?region=" + TestData.FENGJIE + "&month=2024-03")) {
            assertThat(refusal(path, wuxi, 403)).as(path).isEqualTo("forbidden");
        }
        assertThat(refusal("/reports/orders.csv", TestTokens.platform("douyin"), 403)).isEqualTo("forbidden");
    }

    @Test
    void badParametersAreRefusedWithTheApisCodes() {
        String admin = TestTokens.admin();
        assertThat(refusal("/reports/regions.csv?from=yesterday", admin, 400)).isEqualTo("invalid-input");
        assertThat(refusal("/reports/regions.csv?from=" + enc(TO) + "&to=" + enc(FROM), admin, 400))
                .isEqualTo("invalid-input");
        assertThat(refusal("/reports/orders.csv?chanel=FAIR", admin, 400)).isEqualTo("invalid-input");
        assertThat(refusal("/reports/orders.csv?channel=TV", admin, 400)).isEqualTo("invalid-input");
        assertThat(refusal("/reports/bulletin.xlsx?month=2024-13", admin, 400)).isEqualTo("invalid-input");
        assertThat(refusal("/reports/bulletin.xlsx", admin, 400)).isEqualTo("invalid-input");
        assertThat(refusal("/reports/regions.csv?parent=999999999", admin, 404)).isEqualTo("not-found");
        assertThat(refusal("/reports/regions.csv", null, 401)).isEqualTo("unauthenticated");
        assertThat(refusal("/reports/nothing.csv", admin, 404)).isEqualTo("not-found");
    }

    @Test
    void theFileNameIsChineseInRfc5987() {
        Response response = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.admin())
                .get("/reports/regions.csv?parent=" + TestData.FENGJIE);
        String disposition = response.getHeader("Content-Disposition");
        Matcher name = Pattern.compile("filename\\*=UTF-8''(\\S+)").matcher(disposition);
        assertThat(name.find()).as(disposition).isTrue();
        assertThat(URLDecoder.decode(name.group(1), StandardCharsets.UTF_8)).isEqualTo("奉节县_下级区域销售_全部.csv");
        assertThat(disposition).startsWith("attachment; filename=\"");
    }

    @Test
    void theBulletinHasOneSheetEachAndItsTotalsAreTheApis() throws Exception {
        byte[] file = download("/reports/bulletin.xlsx?region=" + tree.district() + "&month=2024-03",
                TestTokens.official(tree.district()), XLSX);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets.stream().map(Sheet::getName))
                    .containsExactly("概况", "活动目标", "区县排名", "产品排行", "主播排行", "价格预警订单", "贫困重点");
            JsonPath api = as(TestTokens.admin()).data("""
                    query ($code: ID!, $from: DateTime, $to: DateTime) {
                      region(code: $code) { totals(from: $from, to: $to) { gmv netGmv orderCount priceAlertCount
                        yearAgo: compare(to: YEAR_AGO) { base { netGmv } netGmvGrowth } } }
                      povertyFocusTotals(regionCode: $code, from: $from, to: $to) { netGmv orderCount } }""",
                    Map.of("code", tree.district(), "from", FROM, "to", TO));
            List<Row> summary = sheets.get(0).read();
            assertThat(summary.get(0).getCellText(1)).isEqualTo("本月");
            Row net = row(summary, "净销售额(元)");
            assertThat(net.getCell(1).asNumber()).isEqualByComparingTo(api.<BigDecimal>get("region.totals.netGmv"));
            assertThat(net.getCell(3).asNumber())
                    .isEqualByComparingTo(api.<BigDecimal>get("region.totals.yearAgo.base.netGmv"));
            assertThat(net.getCell(4).asNumber().doubleValue())
                    .isEqualTo(((Number) api.get("region.totals.yearAgo.netGmvGrowth")).doubleValue());
            List<Row> children = sheets.get(2).read();
            Row total = children.get(children.size() - 1);
            assertThat(total.getCellText(0)).isEqualTo("合计");
            assertThat(total.getCell(5).asNumber()).isEqualByComparingTo(api.<BigDecimal>get("region.totals.netGmv"));
            List<Row> alerts = sheets.get(5).read();
            assertThat(alerts.size() - 2).isEqualTo(api.getInt("region.totals.priceAlertCount"));
            Row focus = row(sheets.get(6).read(), "净销售额(元)");
            assertThat(focus.getCell(1).asNumber())
                    .isEqualByComparingTo(api.<BigDecimal>get("povertyFocusTotals.netGmv"));
        }
    }

    @Test
    void aClientThatGoesAwayStopsItsExportAndFreesItsThread() throws Exception {
        TestData.await(pool.preparedQuery("INSERT INTO sales_order (platform, external_id, channel, product_id,"
                + " origin_region_code, quantity, unit_price, amount, placed_at, price_alert)"
                + " SELECT 'fx', 'gone-' || $1 || '-' || g, 'FAIR', p.id, p.origin_region_code, 1, 5, 5,"
                + " timestamptz '2024-03-10 00:00+08' + g * interval '1 second', false"
                + " FROM generate_series(1, 60000) g, (SELECT id, origin_region_code FROM product"
                + " WHERE origin_region_code = $2 LIMIT 1) p")
                .execute(Tuple.of(data.unique("x"), tree.villages().get(0))));
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /reports/orders.xlsx?regionCode=" + tree.villages().get(0)
                    + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] some = in.readNBytes(4096);
            assertThat(new String(some, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> exports.running() == 1);
        }
        // the socket is closed with most of the file unread: the export notices, stops and frees its thread
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> exports.running() == 0);
        byte[] after = download("/reports/regions.csv?parent=" + tree.district(), TestTokens.admin(), "text/csv");
        assertThat(csv(after)).isNotEmpty();
    }

    private static Row row(List<Row> rows, String first) {
        return rows.stream().filter(r -> first.equals(r.getCellText(0))).findFirst().orElseThrow();
    }

    private static int header(Row header, String name) {
        for (int c = 0; c < header.getCellCount(); c++) {
            if (name.equals(header.getCellText(c))) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }

    private static List<CSVRecord> csv(byte[] file) throws Exception {
        assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(
                new String(file, 3, file.length - 3, StandardCharsets.UTF_8)))) {
            return parser.getRecords();
        }
    }

    private JsonPath regionTotals(String code, String token) {
        return as(token).data("""
                query ($code: ID!, $from: DateTime, $to: DateTime) {
                  region(code: $code) { totals(from: $from, to: $to) { gmv refunds netGmv orderCount itemsSold
                    certified { netGmv } compare(to: YEAR_AGO) { netGmvGrowth } } } }""",
                Map.of("code", code, "from", FROM, "to", TO));
    }

    private static byte[] download(String path, String token, String contentType) {
        Response response = given().urlEncodingEnabled(false).auth().oauth2(token).get(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(contentType);
        return response.asByteArray();
    }

    /** The code of a refusal, which must come with the status and a GraphQL-shaped body. */
    private static String refusal(String path, String token, int status) {
        Response response = token == null ? given().urlEncodingEnabled(false).get(path)
                : given().urlEncodingEnabled(false).auth().oauth2(token).get(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        return response.jsonPath().getString("errors[0].extensions.code");
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
