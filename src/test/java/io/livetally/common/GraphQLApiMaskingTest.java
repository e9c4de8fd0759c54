package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every GraphQL API bean of the service masks unexpected failures: a new {@code *GraphQLApi} that forgets
 * {@link MaskUnexpectedErrors} would hand clients raw exception messages, and ErrorHygieneTest alone only
 * proves the masking on its own probe.
 */
@QuarkusTest
class GraphQLApiMaskingTest {

    @Test
    void everyGraphQLApiBeanMasksUnexpectedErrors() {
        List<Class<?>> apis = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass).filter(type -> type.isAnnotationPresent(GraphQLApi.class))
                .filter(type -> type.getPackageName().startsWith("io.livetally")).distinct().toList();

        assertThat(apis).as("GraphQL API beans found").hasSizeGreaterThanOrEqualTo(9);
        assertThat(apis).filteredOn(type -> !type.isAnnotationPresent(MaskUnexpectedErrors.class))
                .as("GraphQL API beans without @MaskUnexpectedErrors").isEmpty();
    }
}
