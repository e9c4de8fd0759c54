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

    /** The 38 districts and counties of 重庆市 that V2__regions.sql loads. */
    private static final List<String> GB_T_2260_DISTRICTS = List.of(
            "500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108", "500109", "500110", "500111", "500112", "500113", "500114", "500115", "500116", "500117", "500118", "500119", "500120",
            "500151", "500152", "500153", "500154", "500155", "500156",
            "500229", "500230", "500231", "500233", "500235", "500236", "500237", "500238", "500240", "500241", "500242", "500243");

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
        // Other tests add districts of their own (analytics fixtures): the 38 of GB/T 2260 must all be there.
        assertThat(children).containsAll(GB_T_2260_DISTRICTS).isSorted();
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

        assertThat(districts).containsAll(GB_T_2260_DISTRICTS).isSorted();
    }

    @Test
    void regionsFiltersByLevel() {
        String township = data.township(TestData.WUXI);

        assertThat(data(REGIONS, Map.of("level", "MUNICIPALITY")).getList("regions.code")).containsExactly(TestData.CHONGQING);
        assertThat(data(REGIONS, Map.of("level", "DISTRICT")).<String>getList("regions.code"))
                .containsAll(GB_T_2260_DISTRICTS);
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
