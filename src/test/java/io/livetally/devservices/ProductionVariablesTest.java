package io.livetally.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Prod start-up without its servers says, on one line, which variables are missing and what they name. */
class ProductionVariablesTest {

    @Test
    void everyUnsetVariableIsNamedInOrder() {
        assertThat(ServicesConfigSourceFactory.missingProductionVariables(Map.<String, String>of()::get))
                .containsExactly("DB_HOST", "REDIS_URL", "JWT_PUBLIC_KEY_LOCATION");
        assertThat(ServicesConfigSourceFactory.missingProductionVariables(
                Map.of("DB_HOST", "db", "JWT_PUBLIC_KEY_LOCATION", "/k.pem")::get)).containsExactly("REDIS_URL");
        assertThat(ServicesConfigSourceFactory.missingProductionVariables(
                Map.of("DB_HOST", "db", "REDIS_URL", "redis://r", "JWT_PUBLIC_KEY_LOCATION", "/k.pem")::get)).isEmpty();
    }

    @Test
    void theMessageIsOneErrorLineNamingTheMissingVariables() {
        String all = ServicesConfigSourceFactory.missingVariablesMessage(
                List.of("DB_HOST", "REDIS_URL", "JWT_PUBLIC_KEY_LOCATION"));

        assertThat(all).doesNotContain("\n").startsWith("ERROR ")
                .contains("DB_HOST, REDIS_URL and JWT_PUBLIC_KEY_LOCATION are not set")
                .contains("redis://redis.example:6379").contains("docs/SECURITY.md");
    }

    @Test
    void oneMissingVariableIsExplainedAlone() {
        String one = ServicesConfigSourceFactory.missingVariablesMessage(List.of("JWT_PUBLIC_KEY_LOCATION"));

        assertThat(one).doesNotContain("\n").contains("JWT_PUBLIC_KEY_LOCATION is not set")
                .doesNotContain("DB_HOST").doesNotContain("REDIS_URL");
    }
}
