package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The read replica's routing arithmetic (docs/SCALING.md, "Read replica"); the scale-out run checks it live. */
class ReadReplicaRouteTest {

    @Test
    void walPositionsParseAsNumbersThatOrderLikePostgreSQL() {
        assertThat(ReadReplica.Route.lsn("0/0")).isZero();
        assertThat(ReadReplica.Route.lsn("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(ReadReplica.Route.lsn("1/0")).isGreaterThan(ReadReplica.Route.lsn("0/FFFFFFFF"));
    }

    @Test
    void theReplicaHoldsWhatWasCommittedBeforeTheLatestPositionItReplayed() {
        ReadReplica.Positions history = new ReadReplica.Positions(3);
        assertThat(history.heldSince(100)).as("nothing measured yet").isEqualTo(Long.MIN_VALUE);
        history.add(1_000, 100);
        history.add(2_000, 200);
        history.add(3_000, 300);
        assertThat(history.heldSince(99)).isEqualTo(Long.MIN_VALUE);
        assertThat(history.heldSince(100)).isEqualTo(1_000);
        assertThat(history.heldSince(250)).isEqualTo(2_000);
        assertThat(history.heldSince(300)).isEqualTo(3_000);
        history.add(4_000, 400);
        assertThat(history.heldSince(150)).as("the oldest measurement is forgotten").isEqualTo(Long.MIN_VALUE);
        assertThat(history.heldSince(1_000)).isEqualTo(4_000);
    }

    @Test
    void readsGoToTheReplicaOnlyWhileItsStalenessBoundIsWithinTheLimit() {
        assertThat(ReadReplica.Route.lagMs(Long.MIN_VALUE, 10_000)).as("unknown").isEqualTo(Long.MAX_VALUE);
        assertThat(ReadReplica.Route.lagMs(9_000, 10_000)).isEqualTo(1_000);
        assertThat(ReadReplica.Route.lagMs(11_000, 10_000)).as("clock skew never negative").isZero();
        assertThat(ReadReplica.Route.useReplica(5_000, 5_000)).isTrue();
        assertThat(ReadReplica.Route.useReplica(5_001, 5_000)).isFalse();
        assertThat(ReadReplica.Route.useReplica(Long.MAX_VALUE, 5_000)).isFalse();
    }
}
