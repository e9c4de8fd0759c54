package io.livetally.security;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** In dev mode, logs a ready-made 12-hour token per role, signed with the ephemeral dev key. */
@ApplicationScoped
public class DevTokens {

    void onStart(@Observes StartupEvent event) {
        PrivateKey key = EphemeralKeys.privateKey();
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || key == null) {
            return;
        }
        Duration day = Duration.ofHours(12);
        // Demo data: the LIVE session 9 is hosted by streamer 5 (bajia-larou, on kuaishou) and promotes 巫溪县 500238.
        Log.infof("""
                livetally dev tokens (header: Authorization: Bearer <token>; in the GraphQL UI add it as a header):
                  admin:                    %s
                  official of 巫溪县 500238: %s
                  host of streamer 5:       %s
                  platform kuaishou:        %s""",
                Tokens.mint(key, Role.ADMIN, Map.of(), day),
                Tokens.mint(key, Role.OFFICIAL, Map.of("region_code", "500238"), day),
                Tokens.mint(key, Role.HOST, Map.of("streamer_id", "5"), day),
                Tokens.mint(key, Role.PLATFORM, Map.of("platform", "kuaishou"), day));
    }
}
