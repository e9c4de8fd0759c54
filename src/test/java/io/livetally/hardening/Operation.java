package io.livetally.hardening;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.livetally.hardening.BadInputs.EnumValue;

/**
 * One GraphQL field with its arguments' types, written once and sent either with the arguments as
 * variables ({@code mutation($input: OrderInput!) { recordOrder(input: $input) { … } }}) or inlined as
 * literals ({@code mutation { recordOrder(input: {…}) { … } }}).
 *
 * @param path dotted path of the field's answer under {@code data}, e.g. {@code streamer.sessions}
 * @param body the selection, naming each argument as {@code $name}
 */
record Operation(String type, String path, Map<String, String> argumentTypes, String body) {

    private static final Pattern ARGUMENT = Pattern.compile("\\$(\\w+)");
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    static Operation query(String path, String body, String... nameTypePairs) {
        return new Operation("query", path, types(nameTypePairs), body);
    }

    static Operation mutation(String path, String body, String... nameTypePairs) {
        return new Operation("mutation", path, types(nameTypePairs), body);
    }

    /** The document declaring every argument as a variable. */
    String withVariables() {
        if (argumentTypes.isEmpty()) {
            return type + " { " + body + " }";
        }
        String declarations = argumentTypes.entrySet().stream().map(e -> "$" + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return type + "(" + declarations + ") { " + body + " }";
    }

    /** The document with every argument written as a literal (absent ones as {@code null}). */
    String inlined(Map<String, ?> arguments) {
        Matcher matcher = ARGUMENT.matcher(body);
        StringBuilder document = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(document, Matcher.quoteReplacement(literal(arguments.get(matcher.group(1)))));
        }
        matcher.appendTail(document);
        return type + " { " + document + " }";
    }

    /** A GraphQL literal; strings escape what the grammar forbids raw (so a lone surrogate stays one). */
    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof EnumValue e) {
            boolean bareName = NAME.matcher(e.name()).matches() && !List.of("true", "false", "null").contains(e.name());
            return bareName ? e.name() : literal(e.name());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Operation::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        return string(value.toString());
    }

    private static String string(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !paired && !isLowOfPair(text, i)) {
                literal.append(String.format("\\u%04X", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    private static boolean isLowOfPair(String text, int i) {
        return Character.isLowSurrogate(text.charAt(i)) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static Map<String, String> types(String... nameTypePairs) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            types.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return types;
    }
}
