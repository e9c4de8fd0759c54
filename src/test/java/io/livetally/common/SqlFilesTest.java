package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SqlFilesTest {

    private static final Path SQL = Path.of("src/main/resources/sql");
    private static final Pattern USE = Pattern.compile("\\$(\\d+)");
    /** A file named in the code: a string literal such as "analytics/slices.sql". */
    private static final Pattern LOAD = Pattern.compile("\"([a-z_]+/[a-z_]+\\.sql)\"");
    private static final Pattern INCLUDE = Pattern.compile("/\\*@([a-z_]+)\\*/");
    private static final Map<String, String> RANKING_MARKERS = Map.of("ID", "streamer_id", "STREAMERS", "true",
            "PRODUCTS", "false");

    @Test
    void everyFileDocumentsExactlyTheParametersItsStatementUses() throws IOException {
        List<String> files = files();
        assertThat(files).isNotEmpty();
        for (String file : files) {
            SqlFiles.SqlFile sql = SqlFiles.read(file);
            assertThat(sql.sql()).as(file).isNotBlank().doesNotStartWith("--");
            Set<Integer> used = new TreeSet<>();
            Matcher use = USE.matcher(sql.sql());
            while (use.find()) {
                used.add(Integer.parseInt(use.group(1)));
            }
            assertThat(sql.highestParameter()).as("%s: highest $n against the documented %s", file, sql.parameters())
                    .isEqualTo(sql.parameters().size());
            assertThat(used).as("%s uses every documented parameter", file)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, sql.parameters().size()).boxed().toList());
            assertThat(new TreeSet<>(sql.parameters())).as("%s: parameter names", file)
                    .hasSameSizeAs(sql.parameters());
        }
    }

    @Test
    void everyFileIsLoadedByTheCodeOrIncludedByAnotherAndEveryLoadedFileExists() throws IOException {
        Set<String> loaded = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher load = LOAD.matcher(Files.readString(source));
                while (load.find()) {
                    loaded.add(load.group(1));
                }
            }
        }
        Set<String> included = new TreeSet<>();
        for (String file : files()) {
            Matcher include = INCLUDE.matcher(Files.readString(SQL.resolve(file)));
            String folder = file.substring(0, file.lastIndexOf('/') + 1);
            while (include.find()) {
                included.add(folder + include.group(1) + ".sql");
            }
        }
        assertThat(files()).containsAll(loaded).containsAll(included);
        Set<String> used = new TreeSet<>(loaded);
        used.addAll(included);
        assertThat(used).containsExactlyElementsOf(files());
    }

    @Test
    void fragmentsAreIncludedWithoutTheirCommentBlock() {
        String freeze = SqlFiles.load("live/freeze_session_stats.sql");
        assertThat(freeze).contains("FROM (" + SqlFiles.load("live/session_figures.sql") + ") f")
                .doesNotContain("/*@").doesNotContain("-- A session's order figures");
    }

    @Test
    void markersBecomeTheGivenIdentifiers() {
        String sql = SqlFiles.load("analytics/ranking.sql", RANKING_MARKERS);
        assertThat(sql).contains("t.streamer_id IS NOT NULL").contains("WHERE true AND p.grain")
                .contains("WHERE false AND p.grain").doesNotContain("/*ID*/");
        assertThat(SqlFiles.load("order/insert_orders.sql", Map.of("COLUMNS", "id, platform")))
                .endsWith("RETURNING id, platform");
    }

    @Test
    void aMarkerWithoutValueOrAValueWithoutMarkerIsRefused() {
        assertThatThrownBy(() -> SqlFiles.load("analytics/ranking.sql", Map.of("ID", "streamer_id")))
                .hasMessageContaining("no value for /*STREAMERS*/");
        assertThatThrownBy(() -> SqlFiles.load("analytics/slices.sql", Map.of("MIX", "false", "ID", "streamer_id")))
                .hasMessageContaining("has no marker [ID]");
    }

    @Test
    void aMarkerBecomesIdentifiersOnly() {
        for (String value : List.of("streamer_id; DROP TABLE region", "streamer_id -- x", "'*'", "$1", "Streamer",
                "a,b", "")) {
            Map<String, String> markers = Map.of("ID", value, "STREAMERS", "true", "PRODUCTS", "false");
            assertThatThrownBy(() -> SqlFiles.load("analytics/ranking.sql", markers)).as(value)
                    .hasMessageContaining("may only become identifiers");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> SqlFiles.load("analytics/nothing.sql"))
                .hasMessage("missing SQL file analytics/nothing.sql");
    }

    /** Every file under src/main/resources/sql, as the path SqlFiles takes (analytics/slices.sql …). */
    private static List<String> files() throws IOException {
        try (Stream<Path> files = Files.walk(SQL)) {
            return files.filter(p -> p.toString().endsWith(".sql")).map(p -> SQL.relativize(p).toString()).sorted()
                    .toList();
        }
    }
}
