package io.livetally.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.livetally.common.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Health and metrics are served on the management port only: the public port answers 404 for them. */
@QuarkusTest
class ManagementInterfaceTest {

    @Test
    void thePublicPortServesNeitherHealthNorMetrics() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void theManagementPortServesHealthAndMetrics() {
        assertThat(Management.given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("UP");
        assertThat(Management.given().when().get("/q/health/live").then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("UP");
        assertThat(Management.given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theManagementPortIsNotThePublicOneAndServesNoGraphQL() {
        assertThat(Management.port()).isPositive().isNotEqualTo(RestAssured.port);
        Management.given().queryParam("query", "{ __typename }").when().get("/graphql").then().statusCode(404);
    }
}
