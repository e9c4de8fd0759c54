package io.livetally.common;

/**
 * Free-text arguments: trimmed of spaces (no-break and zero-width ones too) at both ends, non-blank (something
 * visible: not only spaces, no-break or zero-width spaces and direction marks), bounded, no control
 * characters and no bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069: they
 * reorder how the text around them is displayed, "Trojan Source"; the direction marks U+200E/U+200F stay
 * allowed).
 */
public final class Texts {

    private Texts() {
    }

    public static String required(String field, String value, int maxLength) {
        String text = optional(field, value, maxLength);
        if (text == null) {
            throw new InvalidInputException(field + " must not be blank");
        }
        return text;
    }

    /** The trimmed text, or null when absent or blank. */
    public static String optional(String field, String value, int maxLength) {
        if (plain(value)) {
            // The common case, answered without walking code points: the rules below all pass as they are.
            if (value.length() > maxLength) {
                throw new InvalidInputException(field + " must be at most " + maxLength + " characters");
            }
            return value;
        }
        if (value == null || value.codePoints().allMatch(Texts::invisible)) {
            return null;
        }
        String text = trimmed(value);
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new InvalidInputException(field + " must be at most " + maxLength + " characters");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD
                || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED)) {
            throw new InvalidInputException(field + " contains control or invalid characters");
        }
        if (text.codePoints().anyMatch(Texts::bidiControl)) {
            throw new InvalidInputException(field + " contains bidirectional embedding, override or isolate characters");
        }
        return text;
    }

    /**
     * Printable ASCII only (spaces inside), not starting or ending with a space: visible, already trimmed, no
     * control, invalid or bidirectional characters, one code point per char.
     */
    private static boolean plain(String value) {
        int length = value == null ? 0 : value.length();
        if (length == 0 || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Without spaces at either end, no-break and zero-width ones included (String.strip keeps U+00A0,
     * U+200B, U+FEFF …); a direction mark stays: it sets how the text starts or ends.
     */
    private static String trimmed(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && space(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && space(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    private static boolean space(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200B || c == 0x2060 || c == 0xFEFF;
    }

    private static boolean bidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** Whitespace, any space separator (U+00A0 and U+202F too) or a format character (U+200B, U+200F, U+FEFF…). */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    /** A client's value as an error message quotes it: at most 40 characters, then an ellipsis. */
    public static String excerpt(Object value) {
        String text = String.valueOf(value);
        int limit = 40;
        return text.codePointCount(0, text.length()) <= limit ? text
                : text.substring(0, text.offsetByCodePoints(0, limit)) + "…";
    }
}
