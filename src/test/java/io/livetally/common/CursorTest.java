package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    @Test
    void aCursorDecodesToTheTimeAndIdItWasMadeFrom() {
        Instant placedAt = Instant.parse("2020-09-18T10:15:30.123456Z");

        Cursor cursor = Cursor.decode("order", Cursor.of("order", placedAt, 42));

        assertThat(cursor.instant()).isEqualTo(placedAt);
        assertThat(cursor.id()).isEqualTo(42);
        assertThat(cursor.kind()).isEqualTo("order");
    }

    @Test
    void aCursorKeepsMicrosecondsLikePostgresql() {
        Instant withNanos = Instant.parse("2020-09-18T10:15:30.123456789Z");

        Cursor cursor = Cursor.decode("order", Cursor.of("order", withNanos, 7));

        assertThat(cursor.instant()).isEqualTo(Instant.parse("2020-09-18T10:15:30.123456Z"));
    }

    @Test
    void anIdOnlyCursorRoundTrips() {
        assertThat(Cursor.decode("product", Cursor.of("product", 9_000_000_001L)).id()).isEqualTo(9_000_000_001L);
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(Cursor.decode("product", null)).isNull();
    }

    @Test
    void aCursorOfOneListIsRefusedByAnother() {
        String productCursor = Cursor.of("product", 5);

        assertThat(codeOf(() -> Cursor.decode("streamer", productCursor))).isEqualTo("invalid-cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "", "bm90IGEgY3Vyc29y", "%%%", "MTpwcm9kdWN0OjA6eA"})
    void aCursorThisApiDidNotHandOutIsInvalid(String after) {
        assertThat(codeOf(() -> Cursor.decode("product", after))).isEqualTo("invalid-cursor");
    }

    @Test
    void aCursorOfAnotherVersionIsInvalid() {
        String future = encode("2:product:0:5");

        assertThat(codeOf(() -> Cursor.decode("product", future))).isEqualTo("invalid-cursor");
    }

    @Test
    void anOverlongCursorIsInvalidWithoutBeingDecoded() {
        String overlong = "A".repeat(201);

        assertThat(codeOf(() -> Cursor.decode("product", overlong))).isEqualTo("invalid-cursor");
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
