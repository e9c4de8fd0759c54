package io.livetally.common;

import static io.livetally.common.Seeds.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** Properties of cursors: they round-trip, belong to one list, and no string makes decoding fail otherwise. */
class CursorProperties {

    private static final Gen<String> KIND = Gen.strings(Gen.ALPHA, 1, 20);

    @Test
    void everyCursorDecodesToWhatItWasMadeFrom() {
        forAll(1000, each -> {
            Cursor cursor = new Cursor(each.draw(KIND), each.draw(Gen.longs()), each.draw(Gen.longs()));

            assertThat(Cursor.decode(cursor.kind(), cursor.encode())).isEqualTo(cursor);
        });
    }

    @Test
    void aCursorIsRefusedByEveryOtherList() {
        forAll(1000, each -> {
            String kind = each.draw(KIND);
            // one in four the same list, so both outcomes are tried
            String otherKind = each.draw(Gen.frequency(Gen.weight(1, Gen.constant(kind)), Gen.weight(3, KIND)));
            String encoded = new Cursor(kind, 0, each.draw(Gen.longs())).encode();

            Throwable thrown = catchThrowable(() -> Cursor.decode(otherKind, encoded));

            if (kind.equals(otherKind)) {
                assertThat(thrown).isNull();
            } else {
                assertThat(thrown).isInstanceOf(InvalidCursorException.class);
            }
        });
    }

    @Test
    void anyStringEitherDecodesOrIsAnInvalidCursor() {
        Gen<String> valid = Gen.longs().map(id -> Cursor.of("order", id));
        Gen<String> after = Gen.oneOf(Gen.text(0, 250), Gen.strings(Gen.BASE64URL + "=+/", 0, 250),
                valid.map(c -> c.substring(0, c.length() / 2)), valid.map(c -> c + "A"), valid.map(c -> c + "=="));
        forAll(1000, each -> {
            String text = each.draw(after);

            Throwable thrown = catchThrowable(() -> Cursor.decode("order", text));

            assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(InvalidCursorException.class));
        });
    }
}
