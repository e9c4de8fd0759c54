package io.livetally.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.ReadReplica;
import io.livetally.common.SqlFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums slices (region subtree, optional buyer province and channel) over periods: a batch of
 * slices in one statement ({@code sql/analytics/slices.sql}), each with its own pieces, split into time slots.
 */
@ApplicationScoped
class SliceRepository {

    private static final String SQL = SqlFiles.load("analytics/slices.sql", Map.of("MIX", "false"));
    /** The same statement reading every slice from the buyers' rollup, answering by buyer too. */
    private static final String SQL_BUYERS = SqlFiles.load("analytics/slices.sql", Map.of("MIX", "true"));

    private final ReadReplica reads;
    private final Counter statements;
    private final Counter mixStatements;

    SliceRepository(ReadReplica reads, MeterRegistry registry) {
        this.reads = reads;
        this.statements = Counter.builder("livetally.analytics.slice.statements").tag("mix", "false")
                .description("Statements summing region slices (totals of regions, campaigns, poverty-focus groups and"
                        + " the bases of their comparisons; one per batch)")
                .register(registry);
        this.mixStatements = Counter.builder("livetally.analytics.slice.statements").tag("mix", "true")
                .description("Statements summing region slices (totals of regions, campaigns, poverty-focus groups and"
                        + " the bases of their comparisons; one per batch)")
                .register(registry);
    }

    /**
     * Figures by key (the slice's index in {@code slices}, from 1), slot (from 1: the slot starting
     * at {@code slotStarts[slot - 1]}) and channel.
     */
    Uni<Tallies> tally(List<Slice> slices, List<List<Piece>> pieces, List<Instant> slotStarts) {
        return tally(reads.forAnalytics(), slices, pieces, slotStarts, false);
    }

    /** The same, by buyer too when {@code buyers} (the pieces then planned with {@code Slice.grains(true)}). */
    Uni<Tallies> tally(List<Slice> slices, List<List<Piece>> pieces, List<Instant> slotStarts, boolean buyers) {
        return tally(reads.forAnalytics(), slices, pieces, slotStarts, buyers);
    }

    /** The same on a given connection (e.g. inside a transaction that must see one snapshot). */
    Uni<Tallies> tally(SqlClient client, List<Slice> slices, List<List<Piece>> pieces, List<Instant> slotStarts,
            boolean buyers) {
        Object[] parameters = Queries.concat(Queries.pieces(pieces), Queries.instants(slotStarts),
                slices.stream().map(Slice::regionCode).toArray(String[]::new),
                slices.stream().map(Slice::regionPath).toArray(String[]::new),
                slices.stream().map(s -> s.wideRaw(buyers)).toArray(Boolean[]::new),
                slices.stream().map(Slice::buyerProvince).toArray(String[]::new),
                slices.stream().map(s -> s.channel() == null ? null : s.channel().name()).toArray(String[]::new),
                slices.stream().map(Slice::focus).toArray(Boolean[]::new));
        (buyers ? mixStatements : statements).increment();
        return client.preparedQuery(buyers ? SQL_BUYERS : SQL).execute(Tuple.from(parameters))
                .map(rows -> Tallies.of(rows, "ki", "slot"));
    }
}
