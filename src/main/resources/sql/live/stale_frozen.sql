-- Sessions ENDED within the last day that have an order or a refund newer than their frozen figures
-- (with 30 seconds' margin for transactions that committed late).
SELECT ss.session_id
FROM session_stats ss JOIN live_session ls ON ls.id = ss.session_id
WHERE ls.status = 'ENDED' AND ls.ended_at > now() - interval '1 day'
  AND EXISTS (SELECT 1 FROM sales_order o WHERE o.session_id = ss.session_id
              AND (o.received_at >= ss.computed_at - interval '30 seconds'
                   OR o.refunded_at >= ss.computed_at - interval '30 seconds'))
