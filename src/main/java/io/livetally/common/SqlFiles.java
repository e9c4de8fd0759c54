package io.livetally.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL statements kept as resource files under {@code /sql} (as the Lua scripts are under {@code /lua}), read once
 * by the class that runs them.
 *
 * <p>A file opens with a comment block saying what the statement does and naming its parameters, one line each:
 * {@code -- $1 piece_keys int[] …}. In the statement, {@code /*@name*&#47;} stands for the file
 * {@code name.sql} of the same folder (a fragment several statements share, its comment block dropped), and
 * {@code /*NAME*&#47;} for a value the caller fixes at load time: a column or table name, or {@code true} /
 * {@code false} to switch a branch off. Such values are constants of the calling class, never client input, and
 * must be plain identifiers (a comma-separated list of them at most), so nothing else can reach the SQL.
 */
public final class SqlFiles {

    private static final Pattern INCLUDE = Pattern.compile("/\\*@([a-z_]+)\\*/");
    private static final Pattern MARKER = Pattern.compile("/\\*([A-Z_]+)\\*/");
    private static final Pattern PARAMETER = Pattern.compile("^--\\s+\\$(\\d+)\\s+(\\w+)");
    private static final Pattern IDENTIFIERS = Pattern.compile("[a-z_][a-z0-9_]*(, [a-z_][a-z0-9_]*)*");
    private static final Pattern USE = Pattern.compile("\\$(\\d+)");

    private SqlFiles() {
    }

    /** The statement of {@code path} (such as {@code analytics/slices.sql}), which must have no markers. */
    public static String load(String path) {
        return load(path, Map.of());
    }

    /** The statement of {@code path} with each {@code /*NAME*&#47;} marker replaced by its value. */
    public static String load(String path, Map<String, String> values) {
        String sql = read(path).sql();
        Set<String> unused = new HashSet<>(values.keySet());
        StringBuilder out = new StringBuilder();
        Matcher marker = MARKER.matcher(sql);
        while (marker.find()) {
            String value = values.get(marker.group(1));
            if (value == null) {
                throw new IllegalStateException(path + ": no value for " + marker.group());
            }
            if (!IDENTIFIERS.matcher(value).matches()) {
                throw new IllegalStateException(path + ": " + marker.group() + " may only become identifiers");
            }
            unused.remove(marker.group(1));
            marker.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        marker.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(path + " has no marker " + unused);
        }
        return out.toString();
    }

    /** A file as read: its documented parameters (the name of $1, $2 …) and its statement, fragments included. */
    public record SqlFile(String path, List<String> parameters, String sql) {

        /** The highest {@code $n} the statement uses (0 when it uses none). */
        public int highestParameter() {
            Matcher use = USE.matcher(sql);
            int highest = 0;
            while (use.find()) {
                highest = Math.max(highest, Integer.parseInt(use.group(1)));
            }
            return highest;
        }
    }

    /** The file with its fragments included and its markers left as they are. */
    public static SqlFile read(String path) {
        String text = resource(path);
        List<String> parameters = new ArrayList<>();
        int body = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("--")) {
                break;
            }
            body += line.length() + 1;
            Matcher parameter = PARAMETER.matcher(line);
            if (parameter.find()) {
                if (Integer.parseInt(parameter.group(1)) != parameters.size() + 1) {
                    throw new IllegalStateException(path + ": parameters must be documented as $1, $2 … in order");
                }
                parameters.add(parameter.group(2));
            }
        }
        String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        StringBuilder sql = new StringBuilder();
        Matcher include = INCLUDE.matcher(text.substring(Math.min(body, text.length())).strip());
        while (include.find()) {
            include.appendReplacement(sql, Matcher.quoteReplacement(read(folder + include.group(1) + ".sql").sql()));
        }
        include.appendTail(sql);
        return new SqlFile(path, List.copyOf(parameters), sql.toString());
    }

    private static String resource(String path) {
        try (InputStream in = SqlFiles.class.getResourceAsStream("/sql/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SQL file " + path, e);
        }
    }
}
