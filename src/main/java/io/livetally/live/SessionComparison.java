package io.livetally.live;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.session.LiveSession;

/**
 * A session set against the same host's previous ENDED session at the same elapsed minute: that session's orders
 * and GMV within its first {@code atMinute} minutes; its unique viewers only when those minutes cover it whole.
 */
@ReadWithParent
public record SessionComparison(@NonNull LiveSession previous, int atMinute, @NonNull BigDecimal gmvThen,
        int orderCountThen, Integer uniqueViewersThen) {
}
