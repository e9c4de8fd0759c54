package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @Test
    void aRequiredTextIsTrimmed() {
        assertThat(Texts.required("name", "  奉节脐橙 \t", 10)).isEqualTo("奉节脐橙");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void aBlankRequiredTextIsInvalidInput(String value) {
        assertThat(codeOf(() -> Texts.required("name", value, 10))).isEqualTo("invalid-input");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aBlankOptionalTextIsAbsent(String value) {
        assertThat(Texts.optional("buyerRef", value, 10)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2007\u202F", "\u200B", "\u200E\u200F", "\uFEFF", "\u2060 \u3000"})
    void textWithNothingVisibleIsBlank(String value) {
        assertThat(codeOf(() -> Texts.required("name", value, 10))).isEqualTo("invalid-input");
        assertThat(Texts.optional("buyerRef", value, 10)).isNull();
    }

    @Test
    void invisibleCharactersBetweenVisibleOnesAreKeptAndTrimmedAtTheEnds() {
        assertThat(Texts.required("name", " \uFEFF奉节\u00A0脐橙\u200B \u00A0", 10)).isEqualTo("奉节\u00A0脐橙");
        assertThat(Texts.required("name", "x\u200By \u200Fمرحبا", 20)).isEqualTo("x\u200By \u200Fمرحبا");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202Eabc\u202C", "奉节\u202D脐橙", "a\u2066b\u2069", "\u202Aabc"})
    void bidirectionalOverridesAndIsolatesAreInvalidInput(String value) {
        assertThat(codeOf(() -> Texts.required("name", value, 50))).isEqualTo("invalid-input");
    }

    @Test
    void lengthIsCountedInCharactersNotBytesOrUtf16Units() {
        assertThat(Texts.required("name", "巫溪老腊肉🥩", 6)).isEqualTo("巫溪老腊肉🥩");
        assertThat(codeOf(() -> Texts.required("name", "巫溪老腊肉🥩!", 6))).isEqualTo("invalid-input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\nb", "a\uFFFDb", "a\uD800b"})
    void controlOrInvalidCharactersAreInvalidInput(String value) {
        assertThat(codeOf(() -> Texts.optional("name", value, 50))).isEqualTo("invalid-input");
    }

    @Test
    void printableAsciiIsKeptAsItIsAndBoundedLikeAnyText() {
        assertThat(Texts.required("viewerRef", "v-123 x", 7)).isEqualTo("v-123 x");
        assertThat(codeOf(() -> Texts.required("viewerRef", "v-123 xy", 7))).isEqualTo("invalid-input");
        assertThat(Texts.optional("eventId", " e-1 ", 3)).isEqualTo("e-1");
        assertThat(codeOf(() -> Texts.optional("name", "a\u007Fb", 50))).isEqualTo("invalid-input");
        assertThat(codeOf(() -> Texts.optional("name", "~\u0080", 50))).isEqualTo("invalid-input");
    }

    @Test
    void anErrorMessageQuotesAtMostFortyCharactersOfAValue() {
        assertThat(Texts.excerpt("123")).isEqualTo("123");
        assertThat(Texts.excerpt("脐".repeat(10_000))).isEqualTo("脐".repeat(40) + "…");
        assertThat(new NotFoundException("session", "9".repeat(10_000)).getMessage()).hasSizeLessThan(80);
    }
}
