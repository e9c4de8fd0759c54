package io.livetally.common;

import org.eclipse.microprofile.graphql.Type;

/** Relay page info: whether more rows follow, and the cursor to ask for them. */
@Type("PageInfo")
@ReadWithParent
public record PageInfo(boolean hasNextPage, String endCursor) {
}
