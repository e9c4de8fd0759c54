-- Fragment: the measures of a row of analytics_tail() t (orders and refunds not folded into the
-- rollups yet): the order unless it is already folded, its refund unless that is already folded.
CASE WHEN t.counted THEN t.amount ELSE 0 END AS gmv,
CASE WHEN t.refunded THEN t.amount ELSE 0 END AS refunds,
t.counted::int AS order_count, t.refunded::int AS refund_count,
CASE WHEN t.counted THEN t.quantity ELSE 0 END AS items,
(t.counted AND t.price_alert)::int AS alert_count
