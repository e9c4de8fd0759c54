// Measures p50/p99 latency of the issue-4 queries, side by side (after warming the service up): the livetally service (GraphQL),
// the plain SQL aggregate over sales_order (node-postgres), and PostGraphile v4 with
// @graphile/pg-aggregates (GraphQL). Sequential requests (one at a time), after a warm-up; a fixed
// request count per query, cut short by a time budget for the slow baselines.
// The service is asked with a bearer token (BENCH_TOKEN: an official of the municipality, as a real
// dashboard would be); any answer with errors (unauthenticated, forbidden, …) stops the run.
// Usage: node measure.mjs <db> <service-url> <postgraphile-url|-> <out.json>
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

// node-postgres comes with PostGraphile, installed outside the repository (BENCH_TOOLS)
const pg = createRequire(`${process.env.BENCH_TOOLS}/`)('pg');

const [db, serviceUrl, pglUrl, outFile] = process.argv.slice(2);
if (!process.env.BENCH_TOKEN) throw new Error('BENCH_TOKEN (a bearer token for the service) is not set');
const MUNICIPALITY = '500000', DISTRICT = '500236', VILLAGE = '500236108201';
const PERIODS = {
  day: ['2025-06-14T01:17:29Z', '2025-06-15T01:17:29Z'],
  month: ['2025-03-07T05:44:05Z', '2025-04-07T05:44:05Z'],
  year: ['2025-01-09T23:31:12Z', '2025-12-28T10:05:43Z'],
};
const MARCH = ['2025-02-28T16:00:00Z', '2025-03-31T16:00:00Z']; // March 2025, Asia/Shanghai

const TOTALS_Q = `query ($c: ID!, $f: DateTime, $t: DateTime) { region(code: $c) { totals(from: $f, to: $t) {
  gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue byChannel { channel gmv netGmv orderCount } } } }`;
const TOTALS_SQL = `SELECT o.channel, sum(o.amount) AS gmv, coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS refunds,
  count(*) AS orders, count(*) FILTER (WHERE o.status = 'REFUNDED') AS refund_count, sum(o.quantity) AS items
  FROM sales_order o WHERE o.origin_region_code IN (SELECT code FROM region WHERE path LIKE
  (SELECT path FROM region WHERE code = $1) || '%') AND o.placed_at >= $2 AND o.placed_at < $3 GROUP BY o.channel`;
const PGL_TOTALS = `query ($f: SalesOrderFilter!, $r: SalesOrderFilter!) {
  all: allSalesOrders(filter: $f) { totalCount aggregates { sum { amount quantity } } groupedAggregates(groupBy: CHANNEL) { keys sum { amount } } }
  refunded: allSalesOrders(filter: $r) { totalCount aggregates { sum { amount } } } }`;
function pglFilter(code, [from, to], extra = {}) {
  const f = { placedAt: { greaterThanOrEqualTo: from, lessThan: to }, ...extra };
  if (code === DISTRICT) f.originRegionCode = { startsWith: code }; // codes extend their parent's
  if (code === VILLAGE) f.originRegionCode = { equalTo: code };
  return f;
}

const queries = [];
for (const [label, code] of [['municipality', MUNICIPALITY], ['district', DISTRICT], ['village', VILLAGE]]) {
  for (const [span, period] of Object.entries(PERIODS)) {
    queries.push({
      name: `totals ${label} ${span}`,
      service: { query: TOTALS_Q, variables: { c: code, f: period[0], t: period[1] } },
      sql: { text: TOTALS_SQL, values: [code, period[0], period[1]] },
      pgl: { query: PGL_TOTALS, variables: { f: pglFilter(code, period), r: pglFilter(code, period, { status: { equalTo: 'REFUNDED' } }) } },
      gmv: (kind, r) => kind === 'service' ? r.data.region.totals.gmv
        : kind === 'sql' ? r.rows.reduce((s, x) => s + Number(x.gmv), 0) : r.data.all.aggregates.sum.amount,
    });
  }
}
// Issue 13: the official reports' figures (buyers' mix, poverty-focus group, comparisons) beside the plain totals
// above, same regions and periods; the plain SQL computes the same figures from the raw orders.
const FIGURES = '{ gmv netGmv orderCount }';
const BUYERS = `certified ${FIGURES} byBuyerType { buyerType figures ${FIGURES} } byBuyerProvince { province figures ${FIGURES} }`;
const BUYERS_SQL = `SELECT o.buyer_type, o.certified, o.buyer_province, sum(o.amount) AS gmv,
  coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS refunds, count(*) AS orders
  FROM sales_order o WHERE o.origin_region_code IN (SELECT code FROM region WHERE path LIKE
  (SELECT path FROM region WHERE code = $1) || '%') AND o.placed_at >= $2 AND o.placed_at < $3 GROUP BY 1, 2, 3`;
const sumGmv = (r) => r.rows.reduce((s, x) => s + Number(x.gmv), 0);
for (const [label, code] of [['municipality', MUNICIPALITY], ['district', DISTRICT], ['village', VILLAGE]]) {
  for (const [span, period] of Object.entries(PERIODS)) {
    queries.push({
      name: `buyers ${label} ${span}`,
      service: { query: `query ($c: ID!, $f: DateTime, $t: DateTime) { region(code: $c) { totals(from: $f, to: $t) {
        gmv refunds netGmv orderCount ${BUYERS} } } }`, variables: { c: code, f: period[0], t: period[1] } },
      sql: { text: BUYERS_SQL, values: [code, period[0], period[1]] },
      gmv: (kind, r) => kind === 'service' ? r.data.region.totals.gmv : sumGmv(r),
    });
  }
  queries.push({
    name: `compare ${label} month`,
    service: { query: `query ($c: ID!, $f: DateTime, $t: DateTime) { region(code: $c) { totals(from: $f, to: $t) {
      gmv netGmv orderCount previous: compare(to: PREVIOUS_PERIOD) { base { netGmv orderCount } netGmvGrowth orderCountGrowth }
      yearAgo: compare(to: YEAR_AGO) { base { netGmv orderCount } netGmvGrowth orderCountGrowth } } } }`,
      variables: { c: code, f: PERIODS.month[0], t: PERIODS.month[1] } },
    sql: { text: TOTALS_SQL, values: [code, PERIODS.month[0], PERIODS.month[1]] },
    gmv: (kind, r) => kind === 'service' ? r.data.region.totals.gmv : sumGmv(r),
  });
}
for (const [span, period] of Object.entries(PERIODS)) {
  queries.push({
    name: `povertyFocusTotals municipality ${span}`,
    service: { query: `query ($f: DateTime, $t: DateTime) { povertyFocusTotals(regionCode: "${MUNICIPALITY}", from: $f, to: $t) {
      gmv refunds netGmv orderCount ${BUYERS} } }`, variables: { f: period[0], t: period[1] } },
    sql: { text: `SELECT sum(o.amount) AS gmv, count(*) AS orders FROM sales_order o JOIN region r ON r.code = o.origin_region_code
      WHERE EXISTS (SELECT 1 FROM region f WHERE f.poverty_focus AND r.path LIKE f.path || '%')
      AND o.placed_at >= $1 AND o.placed_at < $2`, values: period },
    gmv: (kind, r) => kind === 'service' ? r.data.povertyFocusTotals.gmv : sumGmv(r),
  });
}
queries.push({
  name: 'topRegions municipality month',
  service: { query: `query ($f: DateTime, $t: DateTime) { topRegions(from: $f, to: $t) { rank region { code } totals { gmv netGmv orderCount } } }`,
    variables: { f: MARCH[0], t: MARCH[1] } },
  sql: { text: `SELECT split_part(r.path, '/', 3) AS district, sum(o.amount) AS gmv,
      sum(o.amount) - coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS net, count(*) AS orders
      FROM sales_order o JOIN region r ON r.code = o.origin_region_code
      WHERE o.placed_at >= $1 AND o.placed_at < $2 GROUP BY 1 ORDER BY net DESC, gmv DESC LIMIT 10`, values: MARCH },
  pgl: { query: `query ($f: SalesOrderFilter!, $r: SalesOrderFilter!) {
      all: allSalesOrders(filter: $f) { groupedAggregates(groupBy: ORIGIN_REGION_CODE) { keys sum { amount } } }
      refunded: allSalesOrders(filter: $r) { groupedAggregates(groupBy: ORIGIN_REGION_CODE) { keys sum { amount } } } }`,
    variables: { f: pglFilter(MUNICIPALITY, MARCH), r: pglFilter(MUNICIPALITY, MARCH, { status: { equalTo: 'REFUNDED' } }) },
    // PostGraphile has no subtree grouping: group by origin region, then roll up to districts here
    post: (r) => rollUp(r, (k) => k.slice(0, 6)) },
  gmv: (kind, r) => kind === 'service' ? r.data.topRegions[0].totals.netGmv : kind === 'sql' ? r.rows[0].net : r.top,
});
queries.push({
  name: 'topStreamers month',
  service: { query: `query ($f: DateTime, $t: DateTime) { topStreamers(from: $f, to: $t) { rank streamer { id } totals { gmv netGmv orderCount } } }`,
    variables: { f: MARCH[0], t: MARCH[1] } },
  sql: { text: `SELECT streamer_id, sum(amount) AS gmv, sum(amount) - coalesce(sum(amount) FILTER (WHERE status = 'REFUNDED'), 0) AS net,
      count(*) AS orders FROM sales_order WHERE streamer_id IS NOT NULL AND placed_at >= $1 AND placed_at < $2
      GROUP BY streamer_id ORDER BY net DESC, gmv DESC, streamer_id LIMIT 10`, values: MARCH },
  pgl: { query: `query ($f: SalesOrderFilter!, $r: SalesOrderFilter!) {
      all: allSalesOrders(filter: $f) { groupedAggregates(groupBy: STREAMER_ID) { keys sum { amount } } }
      refunded: allSalesOrders(filter: $r) { groupedAggregates(groupBy: STREAMER_ID) { keys sum { amount } } } }`,
    variables: { f: pglFilter(MUNICIPALITY, MARCH, { streamerId: { isNull: false } }),
      r: pglFilter(MUNICIPALITY, MARCH, { streamerId: { isNull: false }, status: { equalTo: 'REFUNDED' } }) },
    post: (r) => rollUp(r, (k) => k) },
  gmv: (kind, r) => kind === 'service' ? r.data.topStreamers[0].totals.netGmv : kind === 'sql' ? r.rows[0].net : r.top,
});

function rollUp(result, keyOf) {
  const net = new Map();
  for (const g of result.data.all.groupedAggregates) net.set(keyOf(g.keys[0]), (net.get(keyOf(g.keys[0])) || 0) + Number(g.sum.amount));
  for (const g of result.data.refunded.groupedAggregates) net.set(keyOf(g.keys[0]), net.get(keyOf(g.keys[0])) - Number(g.sum.amount));
  const ranked = [...net.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return { ...result, top: ranked[0][1].toFixed(2) };
}

const SERVICE_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${process.env.BENCH_TOKEN}` };
async function graphql(url, body) {
  const headers = url === serviceUrl ? SERVICE_HEADERS : { 'content-type': 'application/json' };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = await response.json();
  if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 500));
  return json;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(run, { warmup, count, budgetMs, least = 3, keep }) {
  let last;
  for (let i = 0; i < warmup; i++) last = await run();
  const times = [];
  const started = performance.now();
  while (times.length < count && (times.length < least || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    last = await run();
    times.push(performance.now() - t0);
  }
  if (keep) keep.push(...times);
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), last };
}

// BENCH_QUERIES: a regular expression of the query names to measure (e.g. 'municipality' — each part still holds
// the totals beside the new figures: "same run"); BENCH_SQL_RUNS=n: the plain SQL n times without warm-up (at 10M
// orders a municipality year is ~50 s of SQL per run: once is enough to check the figures agree)
if (process.env.BENCH_QUERIES) {
  const wanted = new RegExp(process.env.BENCH_QUERIES);
  queries.splice(0, queries.length, ...queries.filter((q) => wanted.test(q.name)));
}
const SQL_RUNS = process.env.BENCH_SQL_RUNS ? Number(process.env.BENCH_SQL_RUNS) : null;
const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: db });
await client.connect();
// warm the service's JVM (JIT) and connection pool on every query before timing any of them
for (let round = 0; round < 30; round++) {
  for (const q of queries) await graphql(serviceUrl, q.service);
}
// BENCH_ROUNDS=n: the service's requests of every query in n rounds, one query after the other in each round (the
// totals and the new figures alternate n times: a change of the machine's load during the run weighs on both); each
// round's p50 is kept, p50/p99 are over all rounds' requests; the plain SQL and PostGraphile run in the first round.
const ROUNDS = Number(process.env.BENCH_ROUNDS || 1);
const perRound = Math.ceil(150 / ROUNDS);
const results = queries.map((q) => ({ name: q.name, times: [], rounds: [] }));
for (let round = 1; round <= ROUNDS; round++) {
  for (const [i, q] of queries.entries()) {
    const row = results[i];
    const service = await measure(() => graphql(serviceUrl, q.service),
      { warmup: ROUNDS > 1 ? 5 : 20, count: perRound, budgetMs: 15000 / ROUNDS, keep: row.times });
    row.rounds.push(service.p50);
    row.value = String(q.gmv('service', service.last));
    if (round > 1) continue;
    const sql = await measure(() => client.query(q.sql), SQL_RUNS
      ? { warmup: 0, count: SQL_RUNS, budgetMs: 0, least: SQL_RUNS } : { warmup: 1, count: 50, budgetMs: 12000 });
    row.sql = { n: sql.n, p50: sql.p50, p99: sql.p99, value: String(q.gmv('sql', sql.last)) };
    if (pglUrl !== '-' && q.pgl) {
      const run = async () => (q.pgl.post ? q.pgl.post(await graphql(pglUrl, q.pgl)) : graphql(pglUrl, q.pgl));
      const pgl = await measure(run, { warmup: 1, count: 50, budgetMs: 12000 });
      row.postgraphile = { n: pgl.n, p50: pgl.p50, p99: pgl.p99, value: String(q.gmv('pgl', pgl.last)) };
    }
  }
}
for (const row of results) {
  const times = row.times.sort((a, b) => a - b);
  row.service = { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), value: row.value,
    rounds: row.rounds };
  delete row.times; delete row.rounds; delete row.value;
  console.log(JSON.stringify(row));
}
await client.end();
writeFileSync(outFile, JSON.stringify(results, null, 2));
