package io.livetally.region;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RegionGraphQLApiTest {

    private static final String REGION = """
            query($code: ID!) {
              region(code: $code) {
                code name level povertyFocus
                parent { code name level }
                children { code name level }
              }
            }""";
    private static final String REGIONS = """
            query($parentCode: ID, $level: RegionLevel) {
              regions(parentCode: $parentCode, level: $level) { code level }
            }""";

    @Inject
    TestData data;

    @Test
    void aDistrictIsFoundByItsCodeWithItsParentMunicipality() {
        JsonPath fengjie = data(REGION, Map.of("code", "500236"));

        assertThat(fengjie.getString("region.name")).isEqualTo("奉节县");
        assertThat(fengjie.getString("region.level")).isEqualTo("DISTRICT");
        assertThat(fengjie.getBoolean("region.povertyFocus")).isTrue();
        assertThat(fengjie.getString("region.parent.code")).isEqualTo(TestData.CHONGQING);
        assertThat(fengjie.getString("region.parent.name")).isEqualTo("重庆市");
    }

    @Test
    void povertyFocusMarksOnlyTheNationalFocusCounties() {
        assertThat(data(REGION, Map.of("code", TestData.WUXI)).getBoolean("region.povertyFocus")).isTrue();
        assertThat(data(REGION, Map.of("code", TestData.WULONG)).getBoolean("region.povertyFocus")).isTrue();
        assertThat(data(REGION, Map.of("code", TestData.CHANGSHOU)).getBoolean("region.povertyFocus")).isFalse();
    }

    @Test
    void theMunicipalityHasNoParentAndAllThirtyEightDistrictsAsChildren() {
        JsonPath chongqing = data(REGION, Map.of("code", TestData.CHONGQING));

        assertThat(chongqing.getString("region.level")).isEqualTo("MUNICIPALITY");
        assertThat(chongqing.getMap("region.parent")).isNull();
        List<String> children = chongqing.getList("region.children.code");
        assertThat(children).hasSize(38).contains("500236", "500238", "500156", "500115").isSorted();
        assertThat(chongqing.getList("region.children.level")).containsOnly("DISTRICT");
    }

    @Test
    void aTownshipAndItsVillageNavigateUpAndDownTheTree() {
        String township = data.township(TestData.FENGJIE);
        String village = data.village(township);

        JsonPath up = data(REGION, Map.of("code", village));
        JsonPath down = data(REGION, Map.of("code", township));

        assertThat(up.getString("region.level")).isEqualTo("VILLAGE");
        assertThat(up.getString("region.parent.code")).isEqualTo(township);
        assertThat(up.getList("region.children")).isEmpty();
        assertThat(down.getString("region.parent.code")).isEqualTo(TestData.FENGJIE);
        assertThat(down.getList("region.children.code")).containsExactly(village);
        assertThat(down.getList("region.children.level")).containsExactly("VILLAGE");
    }

    @Test
    void anUnknownCodeGivesNullWithoutError() {
        assertThat(data(REGION, Map.of("code", "999999")).getMap("region")).isNull();
        assertThat(data(REGION, Map.of("code", "5002361234567890")).getMap("region")).isNull();
    }

    @Test
    void regionsListsTheChildrenOfAParentByCode() {
        List<String> districts = data(REGIONS, Map.of("parentCode", TestData.CHONGQING)).getList("regions.code");

        assertThat(districts).hasSize(38).isSorted().contains("500101", "500236", "500243");
    }

    @Test
    void regionsFiltersByLevel() {
        String township = data.township(TestData.WUXI);

        assertThat(data(REGIONS, Map.of("level", "MUNICIPALITY")).getList("regions.code")).containsExactly(TestData.CHONGQING);
        assertThat(data(REGIONS, Map.of("level", "DISTRICT")).getList("regions.code")).hasSize(38);
        JsonPath townships = data(REGIONS, Map.of("level", "TOWNSHIP"));
        assertThat(townships.getList("regions.code")).contains(township);
        assertThat(townships.getList("regions.level")).containsOnly("TOWNSHIP");
    }

    @Test
    void regionsCombinesParentAndLevel() {
        String township = data.township(TestData.WULONG);
        String village = data.village(township);

        assertThat(data(REGIONS, Map.of("parentCode", township, "level", "VILLAGE")).getList("regions.code"))
                .containsExactly(village);
        assertThat(data(REGIONS, Map.of("parentCode", township, "level", "TOWNSHIP")).getList("regions")).isEmpty();
    }

    @Test
    void regionsOfAnUnknownParentIsEmpty() {
        assertThat(data(REGIONS, Map.of("parentCode", "999999")).getList("regions")).isEmpty();
    }
}
