package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    private record Edge(String cursor, Integer node) {
    }

    private record Connection(List<Edge> edges, PageInfo pageInfo, int totalCount) {
    }

    @Test
    void aPageHoldsTwentyByDefault() {
        assertThat(PageRequest.of(null, "order", null).first()).isEqualTo(20);
    }

    @Test
    void aPageHoldsAtMostOneHundredAndAskingForMoreIsInvalidInput() {
        assertThat(PageRequest.of(100, "order", null).first()).isEqualTo(100);
        assertThat(codeOf(() -> PageRequest.of(101, "order", null))).isEqualTo("invalid-input");
        assertThat(codeOf(() -> PageRequest.of(Integer.MAX_VALUE, "order", null))).isEqualTo("invalid-input");
    }

    @Test
    void anEmptyPageMayBeAskedFor() {
        assertThat(PageRequest.of(0, "order", null).first()).isZero();
    }

    @Test
    void aNegativePageSizeIsInvalidInput() {
        assertThat(codeOf(() -> PageRequest.of(-1, "order", null))).isEqualTo("invalid-input");
    }

    @Test
    void theAfterCursorIsDecodedForItsList() {
        PageRequest page = PageRequest.of(10, "product", Cursor.of("product", 33));

        assertThat(page.after().id()).isEqualTo(33);
        assertThat(codeOf(() -> PageRequest.of(10, "order", Cursor.of("product", 33)))).isEqualTo("invalid-cursor");
    }

    @Test
    void oneRowMoreThanThePageIsFetchedToLearnWhetherMoreFollow() {
        assertThat(PageRequest.of(10, "order", null).fetchSize()).isEqualTo(11);
    }

    @Test
    void anExtraFetchedRowIsCutAndAnnouncesANextPage() {
        Connection connection = connect(PageRequest.of(2, "n", null), List.of(1, 2, 3), 7);

        assertThat(connection.edges()).extracting(Edge::node).containsExactly(1, 2);
        assertThat(connection.pageInfo()).isEqualTo(new PageInfo(true, "c2"));
        assertThat(connection.totalCount()).isEqualTo(7);
    }

    @Test
    void theLastPageHasNoNextPage() {
        Connection connection = connect(PageRequest.of(2, "n", null), List.of(1, 2), 2);

        assertThat(connection.edges()).extracting(Edge::cursor).containsExactly("c1", "c2");
        assertThat(connection.pageInfo()).isEqualTo(new PageInfo(false, "c2"));
    }

    @Test
    void anEmptyPageHasNoEndCursor() {
        Connection connection = connect(PageRequest.of(5, "n", null), List.of(), 0);

        assertThat(connection.edges()).isEmpty();
        assertThat(connection.pageInfo()).isEqualTo(new PageInfo(false, null));
    }

    private static Connection connect(PageRequest page, List<Integer> fetched, long total) {
        return page.connection(fetched, total, n -> "c" + n, Edge::new, Connection::new);
    }
}
