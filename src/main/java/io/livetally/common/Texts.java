package io.livetally.common;

/**
 * Free-text arguments: trimmed, non-blank (something visible: not only spaces, no-break or zero-width
 * spaces and direction marks), bounded, no control characters.
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
        if (value == null || value.codePoints().allMatch(Texts::invisible)) {
            return null;
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new InvalidInputException(field + " must be at most " + maxLength + " characters");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD
                || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED)) {
            throw new InvalidInputException(field + " contains control or invalid characters");
        }
        return text;
    }

    /** Whitespace, any space separator (U+00A0 and U+202F too) or a format character (U+200B, U+200F, U+FEFF…). */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}
