package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.parser.Parser;

/**
 * Whether a document names a live session's figures: only such a document is priced a second time for the admission
 * of analytics (GraphQLRequestGate); any other's admission price is its full price, already computed.
 */
class DocumentFactsTest {

    @Test
    void aDocumentNamesTheLiveFiguresWhereverItSelectsThem() {
        assertThat(names("query($id: ID!) { session(id: $id) { stats { orderCount } } }")).isTrue();
        assertThat(names("query($id: ID!) { session(id: $id) { ... on LiveSession { stats { gmv } } } }")).isTrue();
        assertThat(names("""
                query($id: ID!) { session(id: $id) { ...Figures } }
                fragment Figures on LiveSession { stats { byProduct { product { id } gmv } } }""")).isTrue();
        assertThat(names("query { __typename } fragment F on LiveSession { stats { gmv } }")).isTrue();
    }

    @Test
    void aDocumentWithoutThemDoesNotNameThem() {
        assertThat(names("query($c: ID!) { region(code: $c) { totals { gmv byChannel { channel gmv } } } }")).isFalse();
        assertThat(names("query($id: ID!) { session(id: $id) { title orders(first: 5) { totalCount } } }")).isFalse();
        assertThat(names("query { statistics: __typename }")).isFalse();
    }

    private static boolean names(String document) {
        return DocumentFacts.of(Parser.parse(document)).namesLiveFigures();
    }
}
