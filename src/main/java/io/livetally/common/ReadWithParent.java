package io.livetally.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access rule of a GraphQL output type's plain properties: they are part of the object, shown to whoever the
 * field that returned it admitted. A property that needs a rule of its own is a {@code @Source} resolver with
 * {@code io.livetally.security.Allowed} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadWithParent {
}
