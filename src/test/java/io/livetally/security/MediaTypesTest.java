package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.livetally.security.MediaTypes.Answer;
import io.livetally.security.MediaTypes.Kind;

/**
 * The Content-Type and Accept headers a GraphQL-over-HTTP server must take (GraphQL over HTTP, "Media
 * Types", "Accept", "POST"), the ones it may refuse, and how RFC 9110 spells them.
 */
class MediaTypesTest {

    @ParameterizedTest(name = "Content-Type [{0}] is {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            application/json                                   | JSON
            application/json; charset=utf-8                   | JSON
            application/json;charset=UTF-8                     | JSON
            Application/JSON; Charset="utf-8"                  | JSON
            application/json ; charset = utf-8                 | JSON
            application/json, application/json                 | JSON
            application/json, application/json; charset=utf-8  | JSON
            application/json,application/json                  | JSON
            application/json; charset=utf8                     | JSON
            application/json; boundary=x                       | JSON
            application/json;                                  | JSON
            application/graphql                                | DOCUMENT
            application/graphql; charset=utf-8                 | DOCUMENT
            application/json; charset=nonsense                 | UNSUPPORTED_CHARSET
            application/json; charset=iso-8859-1               | JSON
            application/json; charset=utf-16                   | JSON
            application/json; charset=x-no-such-charset        | UNSUPPORTED_CHARSET
            application/json; charset="bad name!"              | UNSUPPORTED_CHARSET
            application/json, application/json; charset=iso-8859-1 | UNSUPPORTED
            application/json, text/plain                       | UNSUPPORTED
            application/json, application/graphql              | UNSUPPORTED
            text/plain                                         | UNSUPPORTED
            application/x-www-form-urlencoded                  | UNSUPPORTED
            multipart/form-data; boundary=----x                | UNSUPPORTED
            application/graphql-response+json                  | UNSUPPORTED
            application/jsonx                                  | UNSUPPORTED
            application/                                       | UNSUPPORTED
            /json                                              | UNSUPPORTED
            application json                                   | UNSUPPORTED
            application/json; charset                          | UNSUPPORTED
            application/json; charset="utf-8                   | UNSUPPORTED
            NULL                                               | UNSUPPORTED
            '   '                                              | UNSUPPORTED
            """)
    void aPostBodyIsReadByItsContentType(String header, Kind expected) {
        assertThat(MediaTypes.body(header).kind()).isEqualTo(expected);
    }

    @Test
    void aBodyIsDecodedInTheCharsetItNames() {
        assertThat(MediaTypes.body("application/json").charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MediaTypes.body("application/graphql; charset=ISO-8859-1").charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "Accept [{0}] answers {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                                                              | GRAPHQL_RESPONSE
            application/graphql-response+json                                 | GRAPHQL_RESPONSE
            application/json                                                  | JSON
            Application/JSON                                                  | JSON
            application/json; charset=utf-8                                   | JSON
            application/graphql-response+json, application/json;q=0.9        | GRAPHQL_RESPONSE
            application/json, application/graphql-response+json               | GRAPHQL_RESPONSE
            application/graphql-response+json, application/json, multipart/mixed | GRAPHQL_RESPONSE
            application/json, */*                                             | JSON
            */*                                                               | GRAPHQL_RESPONSE
            application/*                                                     | GRAPHQL_RESPONSE
            text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8   | GRAPHQL_RESPONSE
            application/graphql-response+json;q=0, application/json           | JSON
            text/html                                                         | NONE
            text/html, application/xml                                        | NONE
            application/json;q=0                                              | NONE
            */*;q=0                                                           | NONE
            not a media type                                                  | GRAPHQL_RESPONSE
            """)
    void anAnswerIsTypedByTheAcceptHeader(String header, Answer expected) {
        assertThat(MediaTypes.answer(header)).isEqualTo(expected);
    }
}
