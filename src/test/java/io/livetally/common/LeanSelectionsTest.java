package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;

/** The lean data fetcher hands SmallRye's the same environment with nothing selected. */
class LeanSelectionsTest {

    @Test
    void theEnvironmentKeepsItsSourceAndArgumentsAndSelectsNothing() throws Exception {
        AtomicReference<DataFetchingEnvironment> seen = new AtomicReference<>();
        Object answer = LeanSelections.lean(environment -> {
            seen.set(environment);
            return "figures";
        }).get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source("session 7")
                .arguments(Map.of("id", "7")).build());

        assertThat(answer).isEqualTo("figures");
        assertThat(seen.get().<String>getSource()).isEqualTo("session 7");
        assertThat(seen.get().<String>getArgument("id")).isEqualTo("7");
        assertThat(seen.get().getSelectionSet().getFields()).isEmpty();
        assertThat(seen.get().getSelectionSet().contains("gmv")).isFalse();
    }
}
