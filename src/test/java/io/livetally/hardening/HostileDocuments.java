package io.livetally.hardening;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.livetally.common.Gen;
import io.livetally.hardening.Documents.Document;

/**
 * Documents no client should send: broken syntax (cut, spliced, bad escapes), unknown names, floods of
 * {@code __typename}, aliases and root fields, fragment cycles and doublings, nesting past the depth
 * limit, misused variables and directives, huge literals, empty documents and odd operations.
 */
final class HostileDocuments {

    private static final List<String> KINDS = List.of("broken-syntax", "unknown-names", "typename-flood",
            "alias-flood", "fragments", "deep", "variables", "directives", "introspection", "huge-literals", "empty",
            "operations", "unicode");
    private static final String PUNCTUATION = "{}()[]:$@!\"\\#.,=|&…\u0000\uFEFF";

    private final Documents documents;

    HostileDocuments(Documents documents) {
        this.documents = documents;
    }

    Document next(Random random) {
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        Document valid = documents.next(random, "query");
        String text = switch (kind) {
            case "broken-syntax" -> broken(random, valid.text());
            case "unknown-names" -> Gen.of("{ nope }", "{ region(code: \"500236\") { nope } }",
                    "{ region(nope: 1) { code } }", "{ region { code } }", "query($v: Nope) { __typename }",
                    "{ ...Missing }", "{ region(code: \"500236\") }", "{ __typename { name } }",
                    "mutation { nope }", "{ Region { code } }").next(random);
            case "typename-flood" -> typenames(random);
            case "alias-flood" -> aliases(random);
            case "fragments" -> Gen.of("{ ...a } fragment a on Query { ...b } fragment b on Query { ...a }",
                    "{ ...a } fragment a on Query { ...a }", doubling(10 + random.nextInt(15)),
                    "{ __typename } fragment unused on Query { __typename }",
                    "{ ...a } fragment a on Nope { __typename }", "{ ...a } fragment a on Region { code }",
                    "{ ...a } fragment a on Query { __typename } fragment a on Query { __typename }",
                    "{ ... on Region { code } }").next(random);
            case "deep" -> deep(random);
            case "variables" -> Gen.of("{ region(code: $x) { code } }", "query($x: ID) { __typename }",
                    "query($x: ID!, $x: ID!) { region(code: $x) { code } }",
                    "query($x: Region) { __typename }", "query($x: Int = \"x\") { topRegions(limit: $x) { rank } }",
                    "query($x: [[[ID!]!]!]!) { region(code: $x) { code } }", "query($) { __typename }",
                    "query($x: ID = $y) { region(code: $x) { code } }").next(random);
            case "directives" -> Gen.of("{ __typename @unknown }", "{ __typename @include }",
                    "{ __typename @include(if: \"yes\") }", "{ __typename @skip(if: true) @skip(if: false) }",
                    "{ __typename @deprecated }", "query @skip(if: true) { __typename }",
                    "{ region(code: \"500236\") @include(if: $nope) { code } }").next(random);
            case "introspection" -> Gen.of("{ __schema { types { name fields { name } } } }",
                    "{ __type(name: \"Query\") { name fields { name args { name } } } }",
                    "{ __type(name: \"\\u0000\") { name } }", "{ __schema { queryType { name } } __typename }")
                    .next(random);
            case "huge-literals" -> Gen.of(
                    "{ region(code: \"" + "5".repeat(1_000_000) + "\") { code } }",
                    "{ topRegions(limit: " + "9".repeat(1000) + ") { rank } }",
                    "{ topRegions(limit: 1e999999) { rank } }",
                    "{ orders(filter: {from: \"" + "2".repeat(100_000) + "\"}) { totalCount } }").next(random);
            case "empty" -> Gen.of("", " ", "# only a comment", "fragment F on Query { __typename }", "query",
                    "{}", "{ }", "\n\t\r").next(random);
            case "operations" -> Gen.of("{ __typename } { __typename }",
                    "query A { __typename } query A { __typename }",
                    "subscription { liveStats(sessionId: \"1\") { gmv } regionTotals(code: \"500236\") { gmv } }",
                    "mutation { __typename }", "subscription { __typename }",
                    "query A { __typename } mutation B { __typename }").next(random);
            default -> Gen.of("\uFEFF{ __typename }", "{ __typename\u0000 }", "{ régión(code: \"500236\") { code } }",
                    "{ region(code: \"\uD800\") { code } }", "{ region(code: \"\\uD800\") { code } }",
                    "{ region(code: \"\u202E500236\") { code } }").next(random);
        };
        return new Document("hostile/" + kind, text, Map.of(), null, "query", List.of());
    }

    private static String broken(Random random, String text) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))
                    + text.substring(at);
            case 2 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text + "}";
            case 3 -> text.substring(0, at) + "\"unterminated" + text.substring(at);
            case 4 -> "{ region(code: \"\\u12G4\") { code } }";
            default -> "{".repeat(1 + random.nextInt(5000));
        };
    }

    /** Finding 9: 40,001 aliased {@code __typename} (440 KB) held a worker thread 2-3 s. */
    private static String typenames(Random random) {
        int count = Gen.of(2_001, 40_001).next(random);
        boolean aliased = random.nextBoolean();
        return IntStream.range(0, count).mapToObj(i -> aliased ? "a" + i + ": __typename" : "__typename")
                .collect(Collectors.joining(" ", "{ ", " }"));
    }

    private static String aliases(Random random) {
        int count = Gen.of(31, 101, 500).next(random);
        return IntStream.range(0, count).mapToObj(i -> "r" + i + ": region(code: \"500236\") { code }")
                .collect(Collectors.joining(" ", "{ ", " }"));
    }

    /** Fragments that each spread the one below twice: 2^n fields if unfolded. */
    private static String doubling(int levels) {
        StringBuilder document = new StringBuilder("{ ...f" + levels + " } fragment f0 on Query { __typename }");
        for (int i = 1; i <= levels; i++) {
            document.append(" fragment f").append(i).append(" on Query { ...f").append(i - 1).append(" ...f")
                    .append(i - 1).append(" }");
        }
        return document.toString();
    }

    private static String deep(Random random) {
        int depth = Gen.of(16, 40, 200).next(random);
        return random.nextBoolean()
                ? "{ region(code: \"500236\") { " + "parent { ".repeat(depth) + "code" + " }".repeat(depth) + " } }"
                : "{ regions(parentCode: " + "[".repeat(depth * 5) + "\"500236\"" + "]".repeat(depth * 5)
                        + ") { code } }";
    }
}
