-- Live-session figures kept in PostgreSQL (Redis holds the live counters; see docs/LIVE.md).

-- Viewer aggregates exist only in Redis on the hot path; a snapshot every few seconds and at the
-- session's end bounds what a Redis loss can cost. The unique-viewer HyperLogLog is kept as Redis
-- serialised it, so a rebuild restores the estimate itself, not just its count.
CREATE TABLE session_viewer_snapshot (
    session_id         bigint      PRIMARY KEY REFERENCES live_session (id) ON DELETE CASCADE,
    current_viewers    integer     NOT NULL,
    peak_viewers       integer     NOT NULL,
    unique_viewers     bigint      NOT NULL,
    views              bigint      NOT NULL,
    likes              bigint      NOT NULL,
    unique_viewers_hll bytea,
    taken_at           timestamptz NOT NULL
);

-- Order figures of an ENDED session, computed from the orders at endSession and recomputed when a
-- late order (placed inside the live window) or a refund of one of its orders arrives afterwards.
CREATE TABLE session_stats (
    session_id      bigint         PRIMARY KEY REFERENCES live_session (id) ON DELETE CASCADE,
    order_count     integer        NOT NULL,
    items_sold      bigint         NOT NULL,
    gmv             numeric(16, 2) NOT NULL,
    refunds         numeric(16, 2) NOT NULL,
    refund_count    integer        NOT NULL,
    distinct_buyers integer        NOT NULL,
    by_product      jsonb          NOT NULL,
    computed_at     timestamptz    NOT NULL
);
