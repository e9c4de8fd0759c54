package io.livetally.catalog;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProductGraphQLApiTest {

    private static final String REGISTER = """
            mutation($input: ProductInput!) {
              registerProduct(input: $input) {
                id name category unitPrice referencePrice listed delistReason
                originRegion { code } supplier { id }
              }
            }""";
    private static final String DELIST = """
            mutation($id: ID!, $reason: String!) {
              delistProduct(id: $id, reason: $reason) { id listed delistReason }
            }""";
    private static final String PRODUCT = """
            query($id: ID!) {
              product(id: $id) {
                id name category unitPrice referencePrice listed delistReason
                originRegion { code name } supplier { id blacklisted }
              }
            }""";

    @Inject
    TestData data;

    @Test
    void aRegisteredProductIsListedWithItsPricesInCents() {
        String supplier = data.supplier(TestData.FENGJIE);
        Map<String, Object> input = data.productInput(supplier, TestData.FENGJIE);
        input.put("unitPrice", "39.9");
        input.put("referencePrice", 35);

        JsonPath product = data(REGISTER, Map.of("input", input));

        assertThat(product.getString("registerProduct.name")).isEqualTo(input.get("name"));
        assertThat(product.getString("registerProduct.category")).isEqualTo("水果");
        assertThat(product.<BigDecimal>get("registerProduct.unitPrice")).isEqualTo(new BigDecimal("39.90"));
        assertThat(product.<BigDecimal>get("registerProduct.referencePrice")).isEqualTo(new BigDecimal("35.00"));
        assertThat(product.getBoolean("registerProduct.listed")).isTrue();
        assertThat(product.getString("registerProduct.delistReason")).isNull();
        assertThat(product.getString("registerProduct.originRegion.code")).isEqualTo(TestData.FENGJIE);
        assertThat(product.getString("registerProduct.supplier.id")).isEqualTo(supplier);
    }

    @Test
    void aProductWithoutReferencePriceIsAccepted() {
        String product = data.product(data.supplier(TestData.WULONG), TestData.WULONG, "12.00", null);

        assertThat(data(PRODUCT, Map.of("id", product)).getString("product.referencePrice")).isNull();
    }

    @Test
    void aProductIsFoundWithItsOriginRegionAndSupplier() {
        String supplier = data.supplier(TestData.WUXI);
        String product = data.product(supplier, TestData.WUXI, "68.00", "60.00");

        JsonPath found = data(PRODUCT, Map.of("id", product));

        assertThat(found.getString("product.id")).isEqualTo(product);
        assertThat(found.getString("product.originRegion.name")).isEqualTo("巫溪县");
        assertThat(found.getString("product.supplier.id")).isEqualTo(supplier);
        assertThat(found.<BigDecimal>get("product.unitPrice")).isEqualTo(new BigDecimal("68.00"));
    }

    @Test
    void anUnknownProductIsNull() {
        assertThat(data(PRODUCT, Map.of("id", "987654321")).getMap("product")).isNull();
        assertThat(data(PRODUCT, Map.of("id", "x1")).getMap("product")).isNull();
    }

    @Test
    void aBlacklistedSupplierCannotListAProductAndNothingIsStored() {
        String supplier = data.supplier(TestData.WUXI);
        data.blacklist(supplier);

        assertThat(errorCode(REGISTER, Map.of("input", data.productInput(supplier, TestData.WUXI))))
                .isEqualTo("supplier-blacklisted");
        assertThat(productsOf(supplier)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3.00", "10.001"})
    void aUnitPriceThatIsNotPositiveOrNotInCentsIsInvalidInput(String price) {
        String supplier = data.supplier(TestData.FENGJIE);
        Map<String, Object> input = data.productInput(supplier, TestData.FENGJIE);
        input.put("unitPrice", price);

        assertThat(errorCode(REGISTER, Map.of("input", input))).isEqualTo("invalid-input");
        assertThat(productsOf(supplier)).isZero();
    }

    @Test
    void aReferencePriceWithFractionsOfACentIsInvalidInput() {
        Map<String, Object> input = data.productInput(data.supplier(TestData.FENGJIE), TestData.FENGJIE);
        input.put("referencePrice", "9.999");

        assertThat(errorCode(REGISTER, Map.of("input", input))).isEqualTo("invalid-input");
    }

    @Test
    void aProductOfAnUnknownSupplierIsNotFound() {
        assertThat(errorCode(REGISTER, Map.of("input", data.productInput("987654321", TestData.FENGJIE))))
                .isEqualTo("not-found");
    }

    @Test
    void aProductFromAnUnknownRegionIsNotFound() {
        String supplier = data.supplier(TestData.FENGJIE);

        assertThat(errorCode(REGISTER, Map.of("input", data.productInput(supplier, "500299"))))
                .isEqualTo("not-found");
        assertThat(productsOf(supplier)).isZero();
    }

    @Test
    void aDelistedProductIsNoLongerListedAndKeepsTheReason() {
        String product = data.product(TestData.CHANGSHOU);

        JsonPath delisted = data(DELIST, Map.of("id", product, "reason", "抽检不合格"));

        assertThat(delisted.getBoolean("delistProduct.listed")).isFalse();
        assertThat(delisted.getString("delistProduct.delistReason")).isEqualTo("抽检不合格");
        JsonPath stored = data(PRODUCT, Map.of("id", product));
        assertThat(stored.getBoolean("product.listed")).isFalse();
        assertThat(stored.getString("product.delistReason")).isEqualTo("抽检不合格");
    }

    @Test
    void delistingWithABlankReasonIsInvalidInputAndChangesNothing() {
        String product = data.product(TestData.CHANGSHOU);

        assertThat(errorCode(DELIST, Map.of("id", product, "reason", ""))).isEqualTo("invalid-input");
        assertThat(data(PRODUCT, Map.of("id", product)).getBoolean("product.listed")).isTrue();
    }

    @Test
    void delistingAnUnknownProductIsNotFound() {
        assertThat(errorCode(DELIST, Map.of("id", "987654321", "reason", "过期"))).isEqualTo("not-found");
    }

    private long productsOf(String supplierId) {
        return data.count("SELECT count(*) FROM product WHERE supplier_id = $1", Long.valueOf(supplierId));
    }
}
