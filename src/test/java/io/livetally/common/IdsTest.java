package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void aPositiveNumberIsAnId() {
        assertThat(Ids.parse("42")).contains(42L);
        assertThat(Ids.parse("9223372036854775807")).contains(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "+1", "abc", "4 2", "1.0", "١٢", "9223372036854775808", "12345678901234567890"})
    void aStringThatCannotBeOneOfOurIdsMatchesNothing(String id) {
        assertThat(Ids.parse(id)).isEmpty();
    }

    @Test
    void aMalformedIdOfAnEntityThatMustExistIsNotFound() {
        assertThat(codeOf(() -> Ids.require("product", "abc"))).isEqualTo("not-found");
    }

    @Test
    void aWellFormedIdIsRequiredAsIs() {
        assertThat(Ids.require("product", "17")).isEqualTo(17L);
    }
}
