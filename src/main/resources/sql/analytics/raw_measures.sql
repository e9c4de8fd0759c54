-- Fragment: the measures of a raw order o of a ragged edge of a period (none of it is in the rollups).
o.amount AS gmv, CASE WHEN o.status = 'REFUNDED' THEN o.amount ELSE 0 END AS refunds,
1 AS order_count, (o.status = 'REFUNDED')::int AS refund_count, o.quantity AS items,
o.price_alert::int AS alert_count
