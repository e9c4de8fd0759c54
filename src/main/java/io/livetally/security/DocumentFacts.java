package io.livetally.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * What the request gate knows of a parsed document: each operation's kind and size — fields (every one,
 * {@code __typename} included, each alias and each fragment spread counted as often as it is used),
 * aliases, root fields and depth (a root field is 1 deep) — counted without expanding fragments, so a document whose fragments multiply
 * each other is measured, not unfolded.
 */
record DocumentFacts(Map<String, Operation> operations, Map<String, FragmentDefinition> fragments,
        boolean conditionalSubscriptionRoot, boolean namesLiveFigures) {

    /** The field names of {@link CostWeights#LIVE_FIGURES} ("LiveSession.stats": "stats"). */
    private static final Set<String> LIVE_FIGURES_NAMES = CostWeights.LIVE_FIGURES.stream()
            .map(key -> key.substring(key.indexOf('.') + 1)).collect(Collectors.toUnmodifiableSet());

    /** One operation ("" is the name of an anonymous one), with its definition for the query cost. */
    record Operation(OperationDefinition.Operation kind, long fields, long aliases, long rootFields, long depth,
            OperationDefinition definition) {
    }

    /** Counts of a selection set: fields, aliases, fields at its top. */
    private record Size(long fields, long aliases, long top, long depth) {
        static final Size NONE = new Size(0, 0, 0, 0);

        Size plus(Size other) {
            return new Size(saturated(fields + other.fields), saturated(aliases + other.aliases), saturated(top + other.top),
                    Math.max(depth, other.depth));
        }
    }

    static DocumentFacts of(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
        Counter counter = new Counter(fragments);
        Map<String, Operation> operations = new HashMap<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            Size size = counter.size(operation.getSelectionSet());
            operations.putIfAbsent(operation.getName() == null ? "" : operation.getName(),
                    new Operation(operation.getOperation(), size.fields(), size.aliases(), size.top(), size.depth(), operation));
        }
        boolean conditional = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .anyMatch(o -> o.getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                        && conditional(o.getSelectionSet(), fragments, new HashSet<>()));
        boolean liveFigures = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .anyMatch(o -> names(o.getSelectionSet(), LIVE_FIGURES_NAMES))
                || fragments.values().stream().anyMatch(f -> names(f.getSelectionSet(), LIVE_FIGURES_NAMES));
        return new DocumentFacts(Map.copyOf(operations), Map.copyOf(fragments), conditional, liveFigures);
    }

    /**
     * Whether a field of the set (inline fragments included; spread fragments are looked at on their own) has one
     * of these names. The request gate prices an operation for the admission of analytics only when its document
     * names a live session's figures: otherwise that price is its full price, already known.
     */
    private static boolean names(SelectionSet set, Set<String> names) {
        if (set == null) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field
                    && (names.contains(field.getName()) || names(field.getSelectionSet(), names))
                    || selection instanceof InlineFragment inline && names(inline.getSelectionSet(), names)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a subscription's root selection set uses {@code @skip} or {@code @include} on a root field, or on a
     * fragment or inline fragment that holds root fields. The GraphQL spec forbids it (a subscription has exactly one
     * root field, known without variables), and graphql-java's SubscriptionUniqueRootField crashes on a subscription
     * whose every root field is skipped (an ArrayIndexOutOfBoundsException, answered HTTP 500) while it validates any
     * operation of the document, even one not run (FuzzTest, seed -3479786934487407889).
     */
    private static boolean conditional(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (set == null) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (conditional(field.getDirectives())) {
                    return true;
                }
            } else if (selection instanceof InlineFragment inline) {
                if (conditional(inline.getDirectives()) || conditional(inline.getSelectionSet(), fragments, seen)) {
                    return true;
                }
            } else if (selection instanceof FragmentSpread spread) {
                if (conditional(spread.getDirectives())) {
                    return true;
                }
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && seen.add(spread.getName())
                        && conditional(fragment.getSelectionSet(), fragments, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean conditional(List<Directive> directives) {
        return directives.stream().anyMatch(d -> "skip".equals(d.getName()) || "include".equals(d.getName()));
    }

    /** The operation a request runs: the named one, or the only one (null when there is none such). */
    Operation operation(String name) {
        if (name != null && !name.isEmpty()) {
            return operations.get(name);
        }
        return operations.size() == 1 ? operations.values().iterator().next() : null;
    }

    private static long saturated(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }

    /** Sizes selection sets, each fragment once (memoised); a fragment that spreads itself counts nothing
     * (validation refuses it). */
    private static final class Counter {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Size> sized = new HashMap<>();
        private final Set<String> sizing = new HashSet<>();

        Counter(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        Size size(SelectionSet set) {
            Size size = Size.NONE;
            if (set == null) {
                return size;
            }
            for (Selection<?> selection : set.getSelections()) {
                size = size.plus(size(selection));
            }
            return size;
        }

        private Size size(Selection<?> selection) {
            if (selection instanceof Field field) {
                Size below = size(field.getSelectionSet());
                return new Size(saturated(below.fields() + 1),
                        saturated(below.aliases() + (field.getAlias() == null ? 0 : 1)), 1, below.depth() + 1);
            }
            if (selection instanceof InlineFragment inline) {
                return size(inline.getSelectionSet());
            }
            return selection instanceof FragmentSpread spread ? fragment(spread.getName()) : Size.NONE;
        }

        private Size fragment(String name) {
            Size known = sized.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || !sizing.add(name)) {
                return Size.NONE;
            }
            Size size = size(fragment.getSelectionSet());
            sizing.remove(name);
            sized.put(name, size);
            return size;
        }
    }
}
