package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.mutiny.Uni;

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

    @Test
    void aMalformedIdIsLookedUpAsNothingWithoutAReadOrACheck() {
        Uni<String> none = Ids.lookUp("abc", id -> {
            throw new AssertionError("read " + id);
        }, row -> {
            throw new AssertionError("checked " + row);
        });
        assertThat(none.await().indefinitely()).isNull();
    }

    @Test
    void aRowLookedUpIsCheckedAndAnAbsentOneIsNot() {
        List<String> checked = new ArrayList<>();
        Uni<String> found = Ids.lookUp("7", id -> Uni.createFrom().item("row " + id), row -> {
            checked.add(row);
            return Uni.createFrom().voidItem();
        });
        assertThat(found.await().indefinitely()).isEqualTo("row 7");
        assertThat(Ids.lookUp("8", id -> Uni.createFrom().<String>nullItem(), row -> {
            throw new AssertionError("checked " + row);
        }).await().indefinitely()).isNull();
        assertThat(checked).containsExactly("row 7");
    }

    @Test
    void aFailedCheckIsTheAnswerOfALookUp() {
        Uni<String> refused = Ids.lookUp("7", id -> Uni.createFrom().item("row"),
                row -> Uni.createFrom().failure(new NotFoundException("row", "7")));
        assertThat(codeOf(() -> refused.await().indefinitely())).isEqualTo("not-found");
    }

    @Test
    void aBuyerProvinceIsAProvinceCodeOrNothing() {
        assertThat(Ids.province("buyerProvince", " 370000 ")).isEqualTo("370000");
        assertThat(Ids.province("buyerProvince", null)).isNull();
        assertThat(Ids.province("buyerProvince", " ")).isNull();
        for (String notAProvince : List.of("37", "370100", "070000", "3700000", "山东")) {
            assertThat(codeOf(() -> Ids.province("buyerProvince", notAProvince))).as(notAProvince)
                    .isEqualTo("invalid-input");
        }
    }
}
