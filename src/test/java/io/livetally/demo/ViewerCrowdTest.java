package io.livetally.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.livetally.live.ViewerEventInput;

/**
 * The simulated audience, replayed second by second into a room that applies viewer events as the live
 * counters do. Seeded: the seed is in every failure message; {@code -Dlivetally.demo.seed=…} replays one.
 */
class ViewerCrowdTest {

    private static final long SEED = Long.getLong("livetally.demo.seed", System.nanoTime());
    private static final int AUDIENCE = 300;

    /** The present set, views, likes and distinct viewers, as viewer_events.lua keeps them. */
    private static final class Room {
        final Set<String> present = new HashSet<>();
        final Set<String> seen = new HashSet<>();
        int joinsThatAdded;
        int leavesThatRemoved;
        int likes;

        void apply(List<ViewerEventInput> events) {
            for (ViewerEventInput event : events) {
                switch (event.type()) {
                    case JOIN -> {
                        seen.add(event.viewerRef());
                        joinsThatAdded += present.add(event.viewerRef()) ? 1 : 0;
                    }
                    case LEAVE -> leavesThatRemoved += present.remove(event.viewerRef()) ? 1 : 0;
                    case LIKE -> likes++;
                }
            }
        }
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final ViewerCrowd crowd = new ViewerCrowd(AUDIENCE, 6);
    /** Somewhere in 2020–2030, so the window starts anywhere on the ring. */
    private final long start = 1_577_836_800_000L + random.nextLong(315_360_000_000L);

    /** Ticks once a second over [from, to), the first with a sweep as the simulator's first tick does. */
    private void run(Room room, long from, long to) {
        room.apply(crowd.sweep(from));
        room.apply(crowd.between(from - 1000, from, random));
        for (long t = from + 1000; t < to; t += 1000) {
            room.apply(crowd.between(t - 1000, t, random));
        }
    }

    @Test
    void anEmptyRoomFillsWithMoreJoinsThanLeavesThenDriftsAroundTheAudience() {
        Room room = new Room();
        run(room, start, start + 30_000);
        assertThat(room.joinsThatAdded).as("seed %d", SEED).isGreaterThan(2 * room.leavesThatRemoved);
        assertThat(room.present.size()).as("seed %d", SEED).isBetween(50, AUDIENCE);

        run(room, start + 30_000, start + 600_000);
        long sum = 0;
        for (long t = start + 600_000; t < start + 660_000; t += 1000) {
            room.apply(crowd.between(t - 1000, t, random));
            sum += room.present.size();
            assertThat(room.present.size()).as("seed %d", SEED).isLessThanOrEqualTo(crowd.window());
        }
        assertThat(sum / 60.0).as("seed %d", SEED).isBetween(0.8 * AUDIENCE, 1.2 * AUDIENCE);
        assertThat(room.likes).as("seed %d", SEED).isGreaterThan(0);
        // The window slides: new regulars keep arriving, more than one window's worth after eleven minutes.
        assertThat(room.seen.size()).as("seed %d", SEED).isGreaterThan(crowd.window());
    }

    @Test
    void everyoneInTheRoomIsARegularInTheWindow() {
        Room room = new Room();
        run(room, start, start + 300_000);
        long now = start + 299_000;
        assertThat(room.present).as("seed %d", SEED).allMatch(viewer -> crowd.inWindow(viewer, now));
    }

    @Test
    void aRestartAfterALongStopSweepsAwayTheViewersTheStoppedSimulatorLeftInTheRoom() {
        Room room = new Room();
        run(room, start, start + 300_000);
        Set<String> leftBehind = new HashSet<>(room.present);

        long restart = start + 300_000 + 40 * 60_000;
        run(room, restart, restart + 1000);

        assertThat(leftBehind).as("seed %d", SEED).isNotEmpty();
        assertThat(room.present).as("seed %d", SEED).allMatch(viewer -> crowd.inWindow(viewer, restart))
                .hasSizeLessThanOrEqualTo(crowd.window());
    }

    @Test
    void theHistoryOfASessionNobodyWatchedYetIsViewersWhoCameAndWentBeforeTheWindow() {
        Room room = new Room();
        long started = start - 600_000;

        List<ViewerEventInput> history = crowd.history(started, start);
        room.apply(history);

        // Slid past at one regular a second (churn 6 / 6) for ten minutes: 600 came and went.
        assertThat(room.present).as("seed %d", SEED).isEmpty();
        assertThat(room.seen).hasSize(600).noneMatch(viewer -> crowd.inWindow(viewer, start));
        assertThat(crowd.history(start - 30L * 24 * 3600_000, start)).as("capped at the ring outside the window")
                .hasSize(2 * (crowd.ring() - crowd.window()));
    }

    @Test
    void buyersAreOneRegularInTwentyOfThoseInTheWindow() {
        long now = start;
        for (int i = 0; i < 1000; i++) {
            String buyer = crowd.buyer(now, random);
            assertThat(crowd.inWindow(buyer, now)).as("%s at %d, seed %d", buyer, now, SEED).isTrue();
            assertThat(Long.parseLong(buyer.substring(ViewerCrowd.PREFIX.length())) % ViewerCrowd.BUYER_EVERY)
                    .as("%s, seed %d", buyer, SEED).isZero();
            now += random.nextInt(5000);
        }
    }
}
