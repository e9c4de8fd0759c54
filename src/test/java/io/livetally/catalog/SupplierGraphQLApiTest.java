package io.livetally.catalog;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SupplierGraphQLApiTest {

    private static final String REGISTER = """
            mutation($input: SupplierInput!) {
              registerSupplier(input: $input) {
                id name certified blacklisted blacklistReason householdsBenefited region { code name }
              }
            }""";
    private static final String CERTIFY = """
            mutation($id: ID!) { certifySupplier(id: $id) { id certified blacklisted } }""";
    private static final String BLACKLIST = """
            mutation($id: ID!, $reason: String!) {
              blacklistSupplier(id: $id, reason: $reason) { id blacklisted blacklistReason }
            }""";
    private static final String SUPPLIER = """
            query($id: ID!) {
              supplier(id: $id) {
                id name certified blacklisted blacklistReason householdsBenefited
                region { code name }
                products { id name }
              }
            }""";

    @Inject
    TestData data;

    @Test
    void aRegisteredSupplierIsNeitherCertifiedNorBlacklisted() {
        String name = data.unique("奉节脐橙合作社");

        JsonPath registered = data(REGISTER, Map.of("input", Map.of("name", "  " + name + " ",
                "regionCode", TestData.FENGJIE, "householdsBenefited", 120)));

        assertThat(registered.getString("registerSupplier.id")).isNotBlank();
        assertThat(registered.getString("registerSupplier.name")).isEqualTo(name);
        assertThat(registered.getBoolean("registerSupplier.certified")).isFalse();
        assertThat(registered.getBoolean("registerSupplier.blacklisted")).isFalse();
        assertThat(registered.getString("registerSupplier.blacklistReason")).isNull();
        assertThat(registered.getInt("registerSupplier.householdsBenefited")).isEqualTo(120);
        assertThat(registered.getString("registerSupplier.region.name")).isEqualTo("奉节县");
    }

    @Test
    void aSupplierInAnUnknownRegionIsNotFoundAndNotStored() {
        String name = data.unique("合作社");

        assertThat(errorCode(REGISTER, Map.of("input", Map.of("name", name, "regionCode", "599999",
                "householdsBenefited", 1)))).isEqualTo("not-found");
        assertThat(suppliersNamed(name)).isZero();
    }

    @Test
    void aSupplierWithABlankNameIsInvalidInput() {
        assertThat(errorCode(REGISTER, Map.of("input", Map.of("name", "   ", "regionCode", TestData.FENGJIE,
                "householdsBenefited", 1)))).isEqualTo("invalid-input");
    }

    @Test
    void aSupplierWithNegativeHouseholdsIsInvalidInputAndNotStored() {
        String name = data.unique("合作社");

        assertThat(errorCode(REGISTER, Map.of("input", Map.of("name", name, "regionCode", TestData.FENGJIE,
                "householdsBenefited", -1)))).isEqualTo("invalid-input");
        assertThat(suppliersNamed(name)).isZero();
    }

    @Test
    void certifyingASupplierMarksItCertified() {
        String supplier = registeredSupplier();

        assertThat(data(CERTIFY, Map.of("id", supplier)).getBoolean("certifySupplier.certified")).isTrue();
        assertThat(data(SUPPLIER, Map.of("id", supplier)).getBoolean("supplier.certified")).isTrue();
    }

    @Test
    void certifyingAnUnknownSupplierIsNotFound() {
        assertThat(errorCode(CERTIFY, Map.of("id", "987654321"))).isEqualTo("not-found");
        assertThat(errorCode(CERTIFY, Map.of("id", "not-an-id"))).isEqualTo("not-found");
    }

    @Test
    void blacklistingASupplierKeepsTheReason() {
        String supplier = data.supplier(TestData.WUXI);

        JsonPath blacklisted = data(BLACKLIST, Map.of("id", supplier, "reason", " 以次充好 "));

        assertThat(blacklisted.getBoolean("blacklistSupplier.blacklisted")).isTrue();
        assertThat(blacklisted.getString("blacklistSupplier.blacklistReason")).isEqualTo("以次充好");
        JsonPath stored = data(SUPPLIER, Map.of("id", supplier));
        assertThat(stored.getBoolean("supplier.blacklisted")).isTrue();
        assertThat(stored.getString("supplier.blacklistReason")).isEqualTo("以次充好");
        assertThat(stored.getBoolean("supplier.certified")).isTrue();
    }

    @Test
    void blacklistingWithABlankReasonIsInvalidInputAndChangesNothing() {
        String supplier = data.supplier(TestData.WUXI);

        assertThat(errorCode(BLACKLIST, Map.of("id", supplier, "reason", " "))).isEqualTo("invalid-input");
        assertThat(data(SUPPLIER, Map.of("id", supplier)).getBoolean("supplier.blacklisted")).isFalse();
    }

    @Test
    void blacklistingAnUnknownSupplierIsNotFound() {
        assertThat(errorCode(BLACKLIST, Map.of("id", "987654321", "reason", "失信"))).isEqualTo("not-found");
    }

    @Test
    void aSupplierShowsItsRegionAndItsProductsInTheOrderTheyWereRegistered() {
        String township = data.township(TestData.FENGJIE);
        String supplier = data.supplier(township);
        String first = data.product(supplier, township, "10.00", "10.00");
        String second = data.product(supplier, TestData.FENGJIE, "25.00", null);

        JsonPath found = data(SUPPLIER, Map.of("id", supplier));

        assertThat(found.getString("supplier.id")).isEqualTo(supplier);
        assertThat(found.getString("supplier.region.code")).isEqualTo(township);
        assertThat(found.getInt("supplier.householdsBenefited")).isEqualTo(12);
        assertThat(found.getList("supplier.products.id")).containsExactly(first, second);
    }

    @Test
    void aSupplierWithoutProductsHasAnEmptyList() {
        assertThat(data(SUPPLIER, Map.of("id", data.supplier(TestData.CHANGSHOU))).getList("supplier.products"))
                .isEmpty();
    }

    @Test
    void anUnknownSupplierIsNull() {
        assertThat(data(SUPPLIER, Map.of("id", "987654321")).getMap("supplier")).isNull();
        assertThat(data(SUPPLIER, Map.of("id", "abc")).getMap("supplier")).isNull();
    }

    private String registeredSupplier() {
        return data(REGISTER, Map.of("input", Map.of("name", data.unique("合作社"), "regionCode", TestData.FENGJIE,
                "householdsBenefited", 0))).getString("registerSupplier.id");
    }

    private long suppliersNamed(String name) {
        return data.count("SELECT count(*) FROM supplier WHERE name = $1", name);
    }
}
