package io.livetally.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.livetally.live.ViewerEventInput;
import io.livetally.live.ViewerEventType;

/**
 * A session's simulated audience. Its regulars ({@code sim-viewer-0} … ) form a ring, and a window of
 * consecutive ones, sliding round it with the clock, is in the mood to watch: those inside join, leave
 * and like at random, those the window slides past leave, and one in {@value #BUYER_EVERY} of them buys.
 * Who is in the window depends on the clock alone, so a restarted simulator carries on with the same
 * crowd; its first tick {@link #sweep sweeps} the rest of the ring clear of viewers a stopped one left in,
 * and gives a session nobody has watched yet its {@link #history}.
 */
final class ViewerCrowd {

    /** The ring holds this many windows: the unique viewers a session gathers before regulars come back. */
    static final int WINDOWS_IN_RING = 20;
    /** One regular in this many is a buyer (a conversion rate of about 5%). */
    static final int BUYER_EVERY = 20;
    static final String PREFIX = "sim-viewer-";

    private final int window;
    private final int ring;
    private final double joinsPerSecond;
    private final double leavesPerSecond;
    private final double slidePerSecond;
    private final double likesPerSecond;

    /**
     * A crowd drifting towards {@code audience} present viewers, {@code joinsPerSecond} joining. Joins of
     * random regulars of a window of 1.5 × audience (some are there already) balance the leaves of random
     * ones and of those slid past when two thirds of the window is present: joins / (joins + leaves +
     * slide) = 2/3. Starting empty, joins outnumber leaves and the crowd grows, reaching about two thirds
     * of the audience after audience / joinsPerSecond seconds.
     */
    ViewerCrowd(int audience, double joinsPerSecond) {
        this.window = Math.max(BUYER_EVERY, (int) Math.ceil(audience * 1.5));
        this.ring = window * WINDOWS_IN_RING;
        this.joinsPerSecond = joinsPerSecond;
        this.leavesPerSecond = joinsPerSecond / 3;
        this.slidePerSecond = joinsPerSecond / 6;
        this.likesPerSecond = audience / 60.0;
    }

    int window() {
        return window;
    }

    int ring() {
        return ring;
    }

    /** The events between two instants (epoch ms): the window's slide, then joins, leaves and likes. */
    List<ViewerEventInput> between(long fromMillis, long toMillis, RandomGenerator random) {
        Instant at = Instant.ofEpochMilli(toMillis);
        long start = position(toMillis);
        List<ViewerEventInput> events = new ArrayList<>();
        for (long p = Math.max(position(fromMillis), start - window); p < start; p++) {
            events.add(event(ViewerEventType.LEAVE, p, at));
        }
        double seconds = Math.max(0, toMillis - fromMillis) / 1000.0;
        List<ViewerEventInput> moves = new ArrayList<>();
        add(moves, ViewerEventType.JOIN, Chance.around(joinsPerSecond * seconds, random), start, at, random);
        add(moves, ViewerEventType.LEAVE, Chance.around(leavesPerSecond * seconds, random), start, at, random);
        add(moves, ViewerEventType.LIKE, Chance.around(likesPerSecond * seconds, random), start, at, random);
        Chance.shuffle(moves, random);
        events.addAll(moves);
        return events;
    }

    /** A LEAVE for every regular of the ring outside the window at that instant. */
    List<ViewerEventInput> sweep(long nowMillis) {
        Instant at = Instant.ofEpochMilli(nowMillis);
        long start = position(nowMillis);
        List<ViewerEventInput> events = new ArrayList<>(ring - window);
        for (long p = start + window; p < start + ring; p++) {
            events.add(event(ViewerEventType.LEAVE, p, at));
        }
        return events;
    }

    /**
     * A JOIN and a LEAVE for each regular the window has slid past since the session started (at most the
     * ring outside the window): the viewers who came and went before the simulator first fed a session that
     * has none, so that its ratios (conversion, GMV per thousand views) start plausible.
     */
    List<ViewerEventInput> history(long startedMillis, long nowMillis) {
        Instant at = Instant.ofEpochMilli(nowMillis);
        long start = position(nowMillis);
        List<ViewerEventInput> events = new ArrayList<>();
        for (long p = Math.max(position(startedMillis), start - (ring - window)); p < start; p++) {
            events.add(event(ViewerEventType.JOIN, p, at));
            events.add(event(ViewerEventType.LEAVE, p, at));
        }
        return events;
    }

    /** A buyer among the regulars in the window: one of those whose number is a multiple of {@value #BUYER_EVERY}. */
    String buyer(long nowMillis, RandomGenerator random) {
        long start = position(nowMillis);
        long first = Math.floorDiv(start + BUYER_EVERY - 1, BUYER_EVERY) * BUYER_EVERY;
        return ref(first + (long) BUYER_EVERY * random.nextInt(window / BUYER_EVERY));
    }

    /** Whether the viewer is a regular in the window at that instant. */
    boolean inWindow(String viewerRef, long nowMillis) {
        long index = Long.parseLong(viewerRef.substring(PREFIX.length()));
        return Math.floorMod(index - position(nowMillis), ring) < window;
    }

    private void add(List<ViewerEventInput> events, ViewerEventType type, int count, long start, Instant at,
            RandomGenerator random) {
        for (int i = 0; i < count; i++) {
            events.add(event(type, start + random.nextInt(window), at));
        }
    }

    /** Where the window starts at that instant, counted in regulars since the epoch. */
    private long position(long millis) {
        return (long) Math.floor(millis / 1000.0 * slidePerSecond);
    }

    private ViewerEventInput event(ViewerEventType type, long position, Instant at) {
        return new ViewerEventInput(type, ref(position), at, null, null, null);
    }

    private String ref(long position) {
        return PREFIX + Math.floorMod(position, ring);
    }
}
