package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class CursorProperties {

    @Property
    void everyCursorDecodesToWhatItWasMadeFrom(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String kind,
            @ForAll long time, @ForAll long id) {
        Cursor cursor = new Cursor(kind, time, id);

        assertThat(Cursor.decode(kind, cursor.encode())).isEqualTo(cursor);
    }

    @Property
    void aCursorIsRefusedByEveryOtherList(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String kind,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String otherKind, @ForAll long id) {
        String encoded = new Cursor(kind, 0, id).encode();

        Throwable thrown = catchThrowable(() -> Cursor.decode(otherKind, encoded));

        if (kind.equals(otherKind)) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Property
    void anyStringEitherDecodesOrIsAnInvalidCursor(@ForAll @StringLength(max = 250) String after) {
        Throwable thrown = catchThrowable(() -> Cursor.decode("order", after));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(InvalidCursorException.class));
    }
}
