package io.livetally.security;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What the query cost needs of a request's variables, noted while the request gate reads them anyway: each
 * top-level variable that is an integer (as a Long), a string or a boolean, and each list as its
 * size. Input objects and list items are not kept.
 */
final class RequestVariables {

    /** A list variable: only its length counts (a batch's size). */
    record ListSize(int size) {
    }

    private final Map<String, Object> values = new HashMap<>();
    private int depth;
    private String name;
    private int items;

    Map<String, Object> values() {
        return values;
    }

    /** Called for each token of the variables object after its START_OBJECT, before the walk moves depth. */
    void token(JsonParser json, JsonToken token) throws IOException {
        if (depth == 0) {
            if (token == JsonToken.FIELD_NAME) {
                name = json.currentName();
                return;
            }
            switch (token) {
                case VALUE_NUMBER_INT -> values.put(name, json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? Long.MAX_VALUE : json.getLongValue());
                case VALUE_STRING -> values.put(name, json.getText());
                case VALUE_TRUE, VALUE_FALSE -> values.put(name, token == JsonToken.VALUE_TRUE);
                case START_ARRAY -> items = 0;
                default -> {
                }
            }
        } else if (depth == 1 && token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT && items >= 0) {
            items++; // an item of a top-level list (objects count at their start)
        }
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            if (depth == 0 && token == JsonToken.START_OBJECT) {
                items = -1;
            }
            depth++;
        } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
            depth--;
            if (depth == 0 && token == JsonToken.END_ARRAY) {
                values.put(name, new ListSize(items));
            }
        }
    }
}
