package io.livetally.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The request gate's limits on one operation's size (docs/SECURITY.md), under {@code livetally.document}. */
@ConfigMapping(prefix = "livetally.document")
public interface DocumentLimits {

    /** Nesting depth (a root field is 1 deep). */
    @WithDefault("15")
    long maxDepth();

    /** Fields selected, {@code __typename} and every alias and fragment use included. */
    @WithDefault("2000")
    long maxFields();

    /** Aliased fields. */
    @WithDefault("100")
    long maxAliases();

    /** Fields at the operation's top. */
    @WithDefault("30")
    long maxRootFields();
}
