package io.livetally.common;

import java.util.HashMap;

/** GraphQL variables built one by one, where a null value means "argument not given". */
public final class Variables extends HashMap<String, Object> {

    public static Variables of(String name, Object value) {
        return new Variables().with(name, value);
    }

    public Variables with(String name, Object value) {
        put(name, value);
        return this;
    }
}
