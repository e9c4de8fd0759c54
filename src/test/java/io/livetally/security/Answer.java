package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.livetally.common.GraphQLClient;
import io.livetally.common.GraphQLClient.As;
import io.restassured.path.json.JsonPath;

/**
 * One GraphQL response, parsed as {@link GraphQLClient} reads answers and as the raw text: what must not
 * leave a scope is looked for in the text, so no path, alias or error message can carry it unnoticed.
 */
record Answer(JsonPath json, String body) {

    static Answer of(As caller, String query, Map<String, ?> variables) {
        String body = caller.post(query, variables).extract().asString();
        return new Answer(GraphQLClient.parse(body), body);
    }

    /** Every error's {@code extensions.code}, in order (empty when there is none). */
    List<String> codes() {
        List<String> codes = json.getList("errors.extensions.code");
        return codes == null ? List.of() : codes;
    }

    /** The first segment of every error's path: which root field (or alias) failed. */
    List<String> failedRoots() {
        List<List<Object>> paths = json.getList("errors.path");
        return paths == null ? List.of() : paths.stream().map(path -> String.valueOf(path.get(0))).toList();
    }

    BigDecimal money(String path) {
        return json.get(path);
    }

    /** Fails unless the answer is free of errors. */
    Answer clean() {
        assertThat(json.getList("errors")).as(body).isNull();
        return this;
    }

    /** Fails unless every error carries the code (and there is at least one). */
    Answer refused(String code) {
        assertThat(codes()).as(body).isNotEmpty().containsOnly(code);
        return this;
    }

    /** Fails if any of the figures or names occurs anywhere in the body. */
    Answer without(Collection<String> secrets) {
        assertThat(body).doesNotContain(secrets.toArray(String[]::new));
        return this;
    }

    /** Fails unless every one of the figures or names occurs in the body (the check above can fail). */
    Answer with(String... figures) {
        assertThat(body).contains(figures);
        return this;
    }
}
