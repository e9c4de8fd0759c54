package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** recordViewerEvents' events bound by hand from graphql-java's coerced maps, as SmallRye would bind them. */
class ViewerEventArgumentsTest {

    @Test
    void everyFieldIsBoundAndAnOffsetNamesTheSameInstant() {
        Map<String, Object> join = Map.of("type", "JOIN", "viewerRef", "alice", "at", "2026-12-07T13:00:00.250+08:00",
                "eventId", "e-1", "source", "FEED");
        Map<String, Object> click = Map.of("type", "PRODUCT_CLICK", "viewerRef", "bob", "productId", "42");
        Map<String, Object> absent = new HashMap<>();
        absent.put("type", "LEAVE");
        absent.put("viewerRef", "carol");
        absent.put("at", null);

        assertThat(ViewerEventArguments.inputs(List.of(join, click, absent))).containsExactly(
                new ViewerEventInput(ViewerEventType.JOIN, "alice", Instant.parse("2026-12-07T05:00:00.250Z"), "e-1",
                        null, TrafficSource.FEED),
                new ViewerEventInput(ViewerEventType.PRODUCT_CLICK, "bob", null, null, "42", null),
                new ViewerEventInput(ViewerEventType.LEAVE, "carol", null, null, null, null));
    }

    @Test
    void aValueOfAnotherShapeIsLeftToSmallRye() {
        assertThat(ViewerEventArguments.inputs(null)).isNull();
        assertThat(ViewerEventArguments.inputs("JOIN alice")).isNull();
        assertThat(ViewerEventArguments.inputs(List.of("JOIN alice"))).isNull();
        assertThat(ViewerEventArguments.inputs(List.of(Map.of("type", 3, "viewerRef", "alice")))).isNull();
        assertThat(ViewerEventArguments.inputs(List.of(Map.of("type", "WAVE", "viewerRef", "alice")))).isNull();
        assertThat(ViewerEventArguments.inputs(List.of(Map.of("type", "JOIN", "viewerRef", "a", "at", "yesterday"))))
                .isNull();
    }
}
