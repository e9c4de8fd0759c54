package io.livetally.security;

import java.io.Console;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * In dev mode, logs a ready-made 12-hour token per role, signed with the ephemeral dev key, and keeps those a
 * screen can use for the sign-in page to offer (docs/SCREENS.md).
 */
@ApplicationScoped
public class DevTokens {

    /** A dev token and what it is, as the screens' sign-in page offers it. */
    public record Token(String label, String token) {
    }

    private volatile List<Token> tokens = List.of();

    /** The dev tokens a screen can use (admin, official, host); empty outside dev mode. */
    public List<Token> tokens() {
        return tokens;
    }

    void onStart(@Observes StartupEvent event) {
        PrivateKey key = EphemeralKeys.privateKey();
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || key == null) {
            return;
        }
        Duration day = Duration.ofHours(12);
        String admin = Tokens.mint(key, Role.ADMIN, Map.of(), day);
        String official = Tokens.mint(key, Role.OFFICIAL, Map.of("region_code", "500238"), day);
        String host = Tokens.mint(key, Role.HOST, Map.of("streamer_id", "5"), day);
        tokens = List.of(new Token("管理员（全市）", admin), new Token("巫溪县 500238 的官员", official),
                new Token("主播：八家村腊肉哥（主播 5，直播场次 9）", host));
        // Demo data: the LIVE session 9 is hosted by streamer 5 (bajia-larou, on kuaishou) and promotes 巫溪县 500238.
        Log.infof("""
                livetally dev tokens (header: Authorization: Bearer <token>; in the GraphQL UI add it as a header):
                  %s%s
                  %s%s
                  %s%s
                  %s%s""",
                column("admin:"), admin,
                column("official of " + region("巫溪县", "Wuxi", "500238", consoleCharset()) + ":"), official,
                column("host of streamer 5:"), host,
                column("platform kuaishou:"), Tokens.mint(key, Role.PLATFORM, Map.of("platform", "kuaishou"), day));
    }

    /** The label padded to 26 terminal columns, a Chinese character taking two. */
    static String column(String label) {
        int width = label.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1)
                .sum();
        return label + " ".repeat(Math.max(1, 26 - width));
    }

    /**
     * "巫溪县 500238" where the console prints Chinese, "Wuxi 500238" where it cannot: under a POSIX
     * locale the console's charset is ASCII and the name came out as "???".
     */
    static String region(String name, String latin, String code, Charset console) {
        return (console.newEncoder().canEncode(name) ? name : latin) + " " + code;
    }

    /**
     * The charset the log's console handler writes in, as JBoss LogManager picks it: the console's when
     * there is one, else {@code stdout.encoding}, else the platform's {@code native.encoding}.
     */
    static Charset consoleCharset() {
        Console console = System.console();
        if (console != null) {
            return console.charset();
        }
        String name = System.getProperty("stdout.encoding", System.getProperty("native.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
