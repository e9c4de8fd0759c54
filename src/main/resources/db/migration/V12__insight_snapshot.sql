-- The live insight of issue 14 in the viewer snapshot (docs/LIVE.md, "Losing Redis"): follows, shares, comments,
-- watch time (open visits closed at the snapshot), viewers who joined, viewers and orders by traffic source and
-- the product funnel, as JSON. A rebuild after a Redis loss restores them once; an ENDED session's figures read
-- them from its last snapshot (taken at its end).
ALTER TABLE session_viewer_snapshot ADD COLUMN insight jsonb;
