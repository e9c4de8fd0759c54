package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```graphql} blocks of the repository's README.md, read by the rules the README states:
 * a block's first line names the dev token to send it with ({@code # token: host of streamer 5}), and
 * a {@code # set placedAt to the current UTC time} line marks the one value a reader must replace.
 */
public final class ReadmeExamples {

    /** Maven runs tests in the project's directory, where the README lives. */
    private static final Path README = Path.of("README.md");
    private static final Pattern TOKEN = Pattern.compile("^#\\s*token:\\s*(.+?)\\s*$");
    private static final Pattern HOST = Pattern.compile("host of streamer (\\d+)");
    // The dev log names the district too ("official of 巫溪县 500238"): the code is what counts.
    private static final Pattern OFFICIAL = Pattern.compile("official of .*?(\\d{6,12})");
    private static final Pattern PLATFORM = Pattern.compile("platform (\\S+)");
    private static final Pattern CURRENT_TIME = Pattern.compile("^#\\s*set (\\w+) to the current UTC time");

    private ReadmeExamples() {
    }

    /** Every graphql block of README.md, in order. */
    public static List<Example> all() {
        List<String> lines;
        try {
            lines = Files.readAllLines(README);
        } catch (IOException e) {
            throw new UncheckedIOException("README.md is read from the project directory", e);
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```graphql")) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                examples.add(new Example(start + 1, text.toString()));
            }
        }
        return examples;
    }

    /** One block: its first line in README.md (1-based) and its text as a reader would paste it. */
    public record Example(int line, String text) {

        /** What the first line names, e.g. {@code host of streamer 5}. */
        public String tokenLabel() {
            Matcher token = TOKEN.matcher(text.lines().findFirst().orElse(""));
            assertThat(token.find()).as("README.md line %d: a graphql block starts with '# token: …'", line).isTrue();
            return token.group(1);
        }

        /** How a test names the block: its line, its token and the start of the operation. */
        public String name() {
            Matcher token = TOKEN.matcher(text.lines().findFirst().orElse(""));
            String body = code().strip().replaceAll("\\s+", " ");
            return "README.md line " + line + " (" + (token.find() ? token.group(1) : "no token") + "): "
                    + (body.length() > 60 ? body.substring(0, 60) + "…" : body);
        }

        /** The test profile's token for the dev token the block names (same role and claims). */
        public String token() {
            String label = tokenLabel();
            Matcher host = HOST.matcher(label);
            Matcher official = OFFICIAL.matcher(label);
            Matcher platform = PLATFORM.matcher(label);
            if (label.equals("admin")) {
                return TestTokens.admin();
            } else if (host.matches()) {
                return TestTokens.host(host.group(1));
            } else if (official.matches()) {
                return TestTokens.official(official.group(1));
            } else if (platform.matches()) {
                return TestTokens.platform(platform.group(1));
            }
            throw new AssertionError("README.md line " + line + ": no dev token is called '" + label + "'");
        }

        /** The operation's first word: {@code subscription}, {@code mutation}, or {@code query} for the shorthand. */
        public String operation() {
            String body = code().strip();
            return body.startsWith("{") ? "query" : body.split("[\\s({]", 2)[0];
        }

        /**
         * The text to send at {@code now}: the field each {@code # set … to the current UTC time} line
         * names gets {@code now} as its one string value; nothing else changes.
         */
        public String runnableAt(Instant now) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            List<String> fields = lines.stream().map(l -> CURRENT_TIME.matcher(l.strip())).filter(Matcher::find)
                    .map(marker -> marker.group(1)).toList();
            for (String field : fields) {
                Pattern value = Pattern.compile("(\\b" + Pattern.quote(field) + ":\\s*\")[^\"]*\"");
                long replaced = 0;
                for (int i = 0; i < lines.size(); i++) {
                    if (!isComment(lines.get(i))) {
                        Matcher matcher = value.matcher(lines.get(i));
                        replaced += matcher.results().count();
                        lines.set(i, matcher.replaceAll("$1" + now.truncatedTo(ChronoUnit.SECONDS) + "\""));
                    }
                }
                assertThat(replaced).as("README.md line %d: one %s to set to the current time", line, field)
                        .isEqualTo(1);
            }
            return String.join("\n", lines) + "\n";
        }

        /** The lines a reader would see as the operation, comments left out. */
        private String code() {
            return String.join(" ", text.lines().filter(l -> !isComment(l)).toList());
        }

        private static boolean isComment(String line) {
            return line.strip().startsWith("#");
        }
    }
}
