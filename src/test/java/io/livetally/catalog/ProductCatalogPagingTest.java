package io.livetally.catalog;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProductCatalogPagingTest {

    private static final String PRODUCTS = """
            query($regionCode: ID, $category: String, $listed: Boolean, $first: Int, $after: String) {
              products(regionCode: $regionCode, category: $category, listed: $listed, first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id listed category } }
              }
            }""";
    private static final String STREAMERS = """
            query { streamers(first: 1) { pageInfo { endCursor } } }""";

    @Inject
    TestData data;

    @Test
    void pagingThroughARegionsSubtreeVisitsEveryProductOnceInIdOrder() {
        String township = data.township(TestData.FENGJIE);
        String village = data.village(township);
        String supplier = data.supplier(township);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(data.product(supplier, i % 2 == 0 ? township : village, "10.00", "10.00"));
        }
        data.product(data.township(TestData.FENGJIE));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNextPage = true;
        while (hasNextPage) {
            JsonPath page = products(township, 10, after);
            assertThat(page.getInt("products.totalCount")).isEqualTo(25);
            seen.addAll(page.getList("products.edges.node.id"));
            assertThat(page.getString("products.pageInfo.endCursor"))
                    .isEqualTo(page.getString("products.edges[-1].cursor"));
            hasNextPage = page.getBoolean("products.pageInfo.hasNextPage");
            after = page.getString("products.pageInfo.endCursor");
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aVillagesProductsAreInItsSubtreeButNotItsSiblings() {
        String township = data.township(TestData.WUXI);
        String village = data.village(township);
        String sibling = data.village(township);
        String inVillage = data.product(village);
        data.product(sibling);

        assertThat(products(village, null, null).getList("products.edges.node.id")).containsExactly(inVillage);
        assertThat(products(township, null, null).getInt("products.totalCount")).isEqualTo(2);
    }

    @Test
    void productsFilterByCategoryAndListing() {
        String township = data.township(TestData.WULONG);
        String supplier = data.supplier(township);
        Map<String, Object> tea = data.productInput(supplier, township);
        tea.put("category", "茶叶");
        String teaId = data.registerProduct(tea);
        String noodles = data.product(supplier, township, "15.00", "15.00");
        String delisted = data.product(supplier, township, "15.00", "15.00");
        data.delist(delisted);

        assertThat(ids(filter(township).with("category", "茶叶"))).containsExactly(teaId);
        assertThat(ids(filter(township).with("category", "水果"))).containsExactly(noodles, delisted);
        assertThat(ids(filter(township).with("listed", false))).containsExactly(delisted);
        assertThat(ids(filter(township).with("listed", true))).containsExactly(teaId, noodles);
        assertThat(ids(filter(township).with("listed", true).with("category", "水果"))).containsExactly(noodles);
    }

    @Test
    void anEmptyPageCountsWithoutListing() {
        String township = data.township(TestData.CHANGSHOU);
        data.product(township);
        data.product(township);

        JsonPath page = products(township, 0, null);

        assertThat(page.getList("products.edges")).isEmpty();
        assertThat(page.getInt("products.totalCount")).isEqualTo(2);
        assertThat(page.getString("products.pageInfo.endCursor")).isNull();
    }

    @Test
    void aPageHoldsAtMostOneHundredProductsAndAskingForMoreIsInvalidInput() {
        String township = data.township(TestData.FENGJIE);
        String supplier = data.supplier(township);
        for (int i = 0; i < 101; i++) {
            data.product(supplier, township, "10.00", "10.00");
        }

        assertThat(errorCode(PRODUCTS, filter(township).with("first", 101))).isEqualTo("invalid-input");
        JsonPath page = products(township, 100, null);

        assertThat(page.getList("products.edges")).hasSize(100);
        assertThat(page.getBoolean("products.pageInfo.hasNextPage")).isTrue();
        assertThat(page.getInt("products.totalCount")).isEqualTo(101);
        JsonPath rest = products(township, 100, page.getString("products.pageInfo.endCursor"));
        assertThat(rest.getList("products.edges")).hasSize(1);
        assertThat(rest.getBoolean("products.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void twentyProductsMakeADefaultPage() {
        String township = data.township(TestData.WUXI);
        String supplier = data.supplier(township);
        for (int i = 0; i < 21; i++) {
            data.product(supplier, township, "10.00", "10.00");
        }

        JsonPath page = products(township, null, null);

        assertThat(page.getList("products.edges")).hasSize(20);
        assertThat(page.getBoolean("products.pageInfo.hasNextPage")).isTrue();
    }

    @Test
    void anUnknownRegionHasNoProducts() {
        JsonPath page = products("599999", null, null);

        assertThat(page.getInt("products.totalCount")).isZero();
        assertThat(page.getList("products.edges")).isEmpty();
        assertThat(page.getBoolean("products.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void aMalformedCursorIsAnInvalidCursor() {
        assertThat(errorCode(PRODUCTS, filter(TestData.FENGJIE).with("after", "not-a-cursor")))
                .isEqualTo("invalid-cursor");
    }

    @Test
    void aCursorFromAnotherListIsAnInvalidCursor() {
        data.streamer(TestData.FENGJIE);
        String streamerCursor = data(STREAMERS, Map.of()).getString("streamers.pageInfo.endCursor");

        assertThat(errorCode(PRODUCTS, filter(TestData.FENGJIE).with("after", streamerCursor)))
                .isEqualTo("invalid-cursor");
    }

    @Test
    void aNegativePageSizeIsInvalidInput() {
        assertThat(errorCode(PRODUCTS, filter(TestData.FENGJIE).with("first", -1))).isEqualTo("invalid-input");
    }

    private JsonPath products(String regionCode, Integer first, String after) {
        return data(PRODUCTS, filter(regionCode).with("first", first).with("after", after));
    }

    private List<String> ids(Variables variables) {
        return data(PRODUCTS, variables).getList("products.edges.node.id");
    }

    private static Variables filter(String regionCode) {
        return Variables.of("regionCode", regionCode);
    }
}
