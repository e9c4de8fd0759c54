package io.livetally.hardening;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import io.livetally.common.Cursor;
import io.livetally.common.Gen;

/**
 * Generators of inputs a client must never get away with (and of odd inputs that are valid), drawn by
 * {@link CleanAnswers} from a random seeded per property ({@link io.livetally.common.Seeds}).
 */
final class BadInputs {

    /** Letters that cannot spell a class name, so an echoed input never looks like a leak. */
    private static final String LETTERS = "abcdfghkmrsuwyz0123456789奉节脐橙巫溪老腊肉_-";

    private BadInputs() {
    }

    /** An enum value as a client sends it: a string in variables, a bare name when inlined (if it is one). */
    record EnumValue(String name) {

        @JsonValue
        String json() {
            return name;
        }
    }

    // ---------------------------------------------------------------- text

    /** Text a required field must refuse: blank-looking, longer than maxLength, or with a forbidden character. */
    static Gen<String> invalidText(int maxLength) {
        return Gen.oneOf(blank(), overlong(maxLength), withForbiddenCharacter());
    }

    /** Text an optional field must refuse (blank is "absent" there, so it is not among them). */
    static Gen<String> invalidOptionalText(int maxLength) {
        return Gen.oneOf(overlong(maxLength), withForbiddenCharacter());
    }

    /** Nothing visible: whitespace, no-break and zero-width spaces, direction marks, a BOM. */
    static Gen<String> blank() {
        return Gen.of(' ', '\t', '\u3000', '\u00A0', '\u2007', '\u202F', '\u200B', '\u200E', '\u200F', '\u2060',
                '\uFEFF', '\u2028', '\u2029', '\u000B', '\u0085').list(0, 8).map(BadInputs::join);
    }

    /** One code point more than allowed, a little more, or 10,000+ (some astral, two UTF-16 units each). */
    static Gen<String> overlong(int maxLength) {
        return Gen.frequency(
                Gen.weight(3, Gen.strings(LETTERS, maxLength + 1, maxLength + 1)),
                Gen.weight(2, Gen.strings(LETTERS, maxLength + 2, maxLength + 300)),
                Gen.weight(1, Gen.strings(LETTERS, 10_000, 12_000)),
                Gen.weight(1, Gen.of("🍊", "𠀀", "👨‍🌾").map(s -> s.repeat(maxLength + 1))));
    }

    /** Visible text with a control character, a lone or reversed surrogate, U+FFFD, an unassigned code point or a
     * bidirectional embedding, override or isolate. */
    static Gen<String> withForbiddenCharacter() {
        Gen<String> forbidden = Gen.of("\u0000", "\u0001", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F", "\n",
                "\r\n", "\t", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "\uFFFD", "\u0378", "\uFFFF",
                "\u202E", "\u202A", "\u2066", "\u2069", new String(Character.toChars(0x10FFFF)),
                new String(Character.toChars(0xE0080)));
        Gen<String> visible = Gen.strings(LETTERS, 1, 20);
        return random -> visible.next(random) + forbidden.next(random) + visible.next(random);
    }

    /** Odd but valid text: emoji, ZWJ sequences, combining marks, RTL marks and scripts, padding, exactly maxLength. */
    static Gen<String> oddValidText(int maxLength) {
        Gen<String> piece = Gen.of("🍊", "👨‍🌾", "e\u0301", "n\u0303\u0303\u0303", "\u200Fمرحبا", "שלום", "𠀀", "ＡＢＣ",
                "\uE000", "a\u00A0b", "奉节脐橙", "x\u200By", "🇨🇳", "0");
        Gen<String> pieces = piece.list(1, 6).map(BadInputs::join);
        Gen<String> before = Gen.of("", " ", "  \t", "\u3000");
        Gen<String> after = Gen.of("", " ", "\n");
        Gen<String> mixed = ((Gen<String>) random -> before.next(random) + pieces.next(random) + after.next(random))
                .filter(text -> text.strip().codePointCount(0, text.strip().length()) <= maxLength);
        return Gen.oneOf(mixed, Gen.of("脐", "🍊").map(s -> s.repeat(maxLength)));
    }

    // ---------------------------------------------------------------- ids and codes

    /** Ids that name no row: malformed, out of range, or well-formed but unknown; as strings or JSON numbers. */
    static Gen<Object> badId() {
        return Gen.oneOf(
                Gen.of("0", "-5", "-1", "abc", "99999999999999999999", "1.5", "1e3", "", " ", " 5", "5 ", "+5",
                        "0x1F", "１２", "٣", "5\u0000", "\uD800", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "1,2", "null", "5\u200B"),
                Gen.longs(9_000_000_000_000L, Long.MAX_VALUE).map(String::valueOf),
                Gen.strings(Gen.DIGITS, 20, 40),
                Gen.longs(Long.MIN_VALUE, 0),
                Gen.of(new BigInteger("1234567890123456789012345678901234567890"), -1.5, 1e300),
                invalidText(40));
    }

    /**
     * Region codes that name no region: no GB/T 2260 code starts with 9, and the rest is malformed; NUL often,
     * as PostgreSQL text cannot hold it (a code that reaches SQL with it fails the statement).
     */
    static Gen<Object> badRegionCode() {
        return Gen.oneOf(
                Gen.of("999999", "900000", "50023", "5002361234567", "000000", "５０００００", "500000 ", " 500000",
                        "-500000", "5e5", "500236.0", "", "abc", "\uDBFF", "99999999999", "500236\u200B"),
                Gen.of("\u0000", "500236\u0000", "\u0000500000", "5\u0000"),
                Gen.strings(Gen.DIGITS, 12, 12).map(s -> "9" + s.substring(1)),
                Gen.strings(Gen.DIGITS, 13, 10_000),
                Gen.of(500000.5, -500000L, new BigInteger("9".repeat(40))),
                invalidText(12));
    }

    /** Province codes that are not blank (blank means "none") and not like 370000. */
    static Gen<Object> badProvince() {
        return Gen.oneOf(
                Gen.of("37000", "3700000", "370001", "000000", "070000", "abcdef", "３７００００", "370000\u0000",
                        "\uD800", "37 000", true),
                invalidOptionalText(6));
    }

    /** Enum values no enum has, sent as variables so they reach the server. */
    static Gen<Object> badEnum() {
        return Gen.oneOf(
                Gen.of("TELEPATHY", "", " ", "livestream", "LIVESTREAM ", " FARMER", "FARMER\u0000", "1", "null",
                        "ＦＡＲＭＥＲ", "LİVESTREAM", "PLANET", "\uD800").map(EnumValue::new),
                Gen.strings("abcdefghijklmnopqrstuvwxyz", 1, 30).map(s -> new EnumValue("X" + s)),
                Gen.of(1, true, 2.5, List.of("FAIR"), Map.of("name", "FAIR")),
                overlong(40).map(EnumValue::new));
    }

    // ---------------------------------------------------------------- numbers

    /** Values for an Int argument outside [min, max], or no 32-bit integer at all (wrapping would hide it). */
    static Gen<Object> badInt(int min, int max) {
        return Gen.oneOf(
                Gen.ints(Integer.MIN_VALUE, min - 1),
                max == Integer.MAX_VALUE ? Gen.constant(Integer.MIN_VALUE) : Gen.ints(max + 1, Integer.MAX_VALUE),
                // 2^32 + k wraps to k: an "int" of 4294967297 must not become 1
                Gen.longs(1, 100).map(k -> 4_294_967_296L + k),
                Gen.longs(Integer.MAX_VALUE + 1L, Long.MAX_VALUE),
                Gen.longs(Long.MIN_VALUE, Integer.MIN_VALUE - 1L),
                Gen.of(new BigInteger("1234567890123456789012345678901234567890"), new BigDecimal("1e400"), 1.5,
                        0.001, -0.5, 1e12, 2.000001, "4294967297", "99999999999999999999", "1.5", "abc", "", "NaN",
                        "Infinity", "-", "0x10", true, List.of(1)));
    }

    /**
     * Prices a field capped at max must refuse: not positive, more than 2 decimals, above max, not a number
     * (as strings and as JSON numbers).
     */
    static Gen<Object> badPrice(BigDecimal max) {
        return Gen.oneOf(
                Gen.of("-1", "0", "0.00", "-0", "-0.01", "0.001", "10.005", "1e400", "-1e400", "1e-400", "NaN",
                        "Infinity", "-Infinity", "abc", "", " 10", "10,00", "0x10", "1_000", "10.00.0",
                        "99999999999999999999999999999999999999.99", "1e2147483647", "1e-2147483647", "¥10"),
                Gen.decimals(max.add(new BigDecimal("0.01")), max.multiply(BigDecimal.TEN.pow(30)), 2)
                        .map(BigDecimal::toPlainString),
                Gen.decimals(new BigDecimal("-1e20"), BigDecimal.ZERO, 2),
                Gen.decimals(new BigDecimal("0.001"), max, 3).filter(v -> v.stripTrailingZeros().scale() > 2),
                Gen.of(-1, 0, true, List.of("1.00")));
    }

    /** Values for {@code first}: outside 0..100 or no Int. */
    static Gen<Object> badFirst() {
        return badInt(0, 100);
    }

    // ---------------------------------------------------------------- time

    /** DateTime values no parser should accept. */
    static Gen<Object> unparseableDateTime() {
        return Gen.oneOf(
                Gen.of("2020-13-45T00:00:00Z", "2020-02-30T00:00:00Z", "2020-01-01T24:00:01Z", "yesterday", "", " ",
                        "2020-01-01T00:00:00+25:00", "20200101T000000Z", "2020/01/01 00:00:00",
                        "2020-01-01T00:00:00Z[Asia/Shanghai]x", "Tue, 1 Jan 2020 00:00:00 GMT", "0000-00-00T00:00:00Z",
                        "2020-01-01T00:00:00.1234567890Z", "\u0000", "２０２０-01-01T00:00:00Z",
                        "+1000000001-01-01T00:00:00Z", "2020-01-01T00:00:00Z ", "NaN"),
                Gen.of(0, 1_700_000_000L, -1.5, true, List.of("2020-01-01T00:00:00Z")),
                Gen.text(1, 40));
    }

    /** Parseable instants far in the past or future (valid or not depends on the field). */
    static Gen<String> extremeDateTime() {
        return Gen.of("0001-01-01T00:00:00Z", "+999999-01-01T00:00:00Z", "-999999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1899-12-31T16:00:00-08:00",
                "9999-12-31T23:59:59.999999Z", "-4713-11-24T00:00:00Z", "+294277-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "1970-01-01T00:00:00Z");
    }

    /** Date values that are unparseable, or parseable but outside 2000..2100. */
    static Gen<Object> badDate() {
        return Gen.oneOf(
                Gen.of("2020-02-30", "2020-13-01", "2020-1-1", "20200101", "01/01/2020", "", "tomorrow",
                        "2020-01-01T00:00:00Z", "0000-01-01", "2020-00-10", "\uD800", "２０２０-01-01"),
                Gen.of("0001-01-01", "+999999-01-01", "-999999-01-01", "1999-12-31", "2101-01-01", "+10000-01-01"),
                Gen.of(20200101, true, List.of("2020-01-01")));
    }

    // ---------------------------------------------------------------- cursors

    /** Cursors the kind's list never handed out: random base64, other lists' cursors, truncated, overlong. */
    static Gen<Object> badCursor(String kind) {
        Gen<String> own = Gen.longs(1, 1000).map(id -> Cursor.of(kind, id));
        return Gen.oneOf(
                Gen.bytes(0, 60).map(bytes -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)),
                Gen.bytes(1, 60).map(bytes -> Base64.getEncoder().encodeToString(bytes)),
                Gen.of("order", "product", "streamer", "session", "campaign", "").filter(other -> !other.equals(kind))
                        .map(other -> Cursor.of(other, 5)),
                own.map(c -> c.substring(0, c.length() / 2)),
                own.map(c -> c + "A"),
                own.map(c -> c + "=="),
                Gen.of("2:" + kind + ":0:5", "1:" + kind + ":x:y", "1:" + kind + ":0", "1:" + kind + ":0:5:6",
                        "1:" + kind + ":99999999999999999999:1", "1:" + kind.toUpperCase() + ":0:5", "1::0:5",
                        "1:" + kind + ":0:-9223372036854775809").map(BadInputs::base64),
                Gen.of("", "=", "!!!!", "\u0000", "\uD800", "null", "%", "a".repeat(201), "🍊"),
                Gen.strings(LETTERS, 201, 5000),
                Gen.of(5, true, -1.5));
    }

    /** Cursors of the right list with extreme sort keys: they decode, so a page (probably empty) is a fine answer. */
    static Gen<String> extremeCursor(String kind) {
        Gen<Long> time = Gen.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L);
        Gen<Long> id = Gen.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L);
        return random -> new Cursor(kind, time.next(random), id.next(random)).encode();
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String join(List<?> pieces) {
        return pieces.stream().map(String::valueOf).collect(Collectors.joining());
    }
}
