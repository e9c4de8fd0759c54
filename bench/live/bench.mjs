// Live-path benchmark driver (issue 3): ingest, stats reads and subscription fan-out against a
// running livetally jar, side by side with pgbench and PostGraphile on the same database.
// Invoked by run.sh, which prepares everything; prints a markdown report on stdout.
// Every request carries the token of the role a real client has (docs/SECURITY.md): the platform's
// own token for recordOrder(s), the session host's token for stats reads and liveStats. Every answer
// is checked: a run with a refused request, an answer with `errors` or a rejected order fails.
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const env = process.env;
const API = env.API_URL;                 // http://127.0.0.1:PORT/graphql
const METRICS = env.METRICS_URL;         // http://127.0.0.1:MANAGEMENT_PORT/q/metrics (the management interface)
const PG = env.PG_URL;                   // postgres://postgres@127.0.0.1:5432/db
const DB = env.DB_NAME;
const SECONDS = Number(env.DURATION || 20);
const JAR_PID = env.JAR_PID;
const RUN = Date.now().toString(36);
const mint = (role, claim) => execFileSync(env.MINT_TOKEN, [env.JWT_PRIVATE_KEY, role, claim]).toString().trim();
const PARTS = (env.PARTS || 'ingest,reads,fanout').split(',');
// Seconds of each unmeasured warm-up workload. On 2 cores the JIT needs minutes of load before it settles (C2 compiled
// for 80 s of CPU in a jar's first 3 minutes; stats reads rose from 183 to 896 req/s as it did): bench/fixedcost runs 30.
const WARMUP = Number(env.WARMUP || 5);
const out = [];
const say = (line = '') => { out.push(line); console.error(line); };

const psql = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', DB, '-tAqc', sql]).toString().trim();
const gql = async (url, query, variables = {}, token) => {
  const r = await fetch(url, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
};
const ids = (title) => psql(`SELECT ls.id || ',' || string_agg(sp.product_id::text, ',' ORDER BY sp.position) || ',' || st.platform || ',' || st.id
  FROM live_session ls JOIN live_session_product sp ON sp.session_id = ls.id JOIN streamer st ON st.id = ls.streamer_id
  WHERE ls.title = '${title}' GROUP BY ls.id, st.platform, st.id`).split(',');
const [readSession, ...readRest] = ids('bench-live-read');
const readHost = readRest.pop(); const readPlatform = readRest.pop(); const readProducts = readRest;
const [ingestSession, ...ingestRest] = ids('bench-live-ingest');
const ingestHost = ingestRest.pop(); const ingestPlatform = ingestRest.pop(); const ingestProducts = ingestRest;
// The tokens real clients would hold: each session's host, and the platform its host streams on.
const token = {
  readHost: mint('host', `streamer_id=${readHost}`), readPlatform: mint('platform', `platform=${readPlatform}`),
  ingestHost: mint('host', `streamer_id=${ingestHost}`), ingestPlatform: mint('platform', `platform=${ingestPlatform}`),
};
const fact = psql(`SELECT string_agg(p.origin_region_code || ':' || p.unit_price || ':' || st.id, ',')
  FROM live_session ls JOIN live_session_product sp ON sp.session_id = ls.id AND sp.position = 0
  JOIN product p ON p.id = sp.product_id JOIN streamer st ON st.id = ls.streamer_id WHERE ls.title = 'bench-live-ingest'`);
const [region, price, streamerId] = fact.split(':');
// pgbench writes the same rows into an ENDED session of the dataset: no live counters, no reconciler.
const [pgbSession, pgbStreamer, pgbProduct, pgbRegion] = psql(`SELECT ls.id || ':' || ls.streamer_id || ':' || p.id || ':' || p.origin_region_code
  FROM live_session ls JOIN live_session_product sp ON sp.session_id = ls.id AND sp.position = 0 JOIN product p ON p.id = sp.product_id
  WHERE ls.title = 'bench session 1'`).split(':');

let seq = 0;
const order = (session, products, platform, tag) => {
  seq++;
  return { platform, externalId: `${tag}-${RUN}-${seq}`, channel: 'LIVESTREAM', sessionId: session,
    productId: products[seq % products.length], quantity: 1 + (seq % 3), unitPrice: price,
    buyerRef: `bb-${seq % 100000}`, placedAt: new Date().toISOString() };
};
const BATCH = `mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates rejected { reason } } }`;
const SINGLE = `mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }`;
const body = (query, variables) => JSON.stringify({ query, variables });

// Every answer is checked (autocannon buffers the bodies anyway): one with `errors` (unauthenticated,
// forbidden, …) or, for recordOrders, with a rejected order counts as a mismatch, and any mismatch,
// non-2xx answer or transport error fails the run at the end.
const OK = (b) => !b.includes('"errors"');
const ALL_ACCEPTED = (b) => OK(b) && b.includes('"rejected":[]');
const failures = [];
let checkedRequests = 0;
async function cannon(label, { token: bearer, verifyBody = OK, ...opts }) {
  const res = await new Promise((resolve, reject) => {
    const instance = autocannon({ method: 'POST', verifyBody, ...opts,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } },
      (err, res) => err ? reject(err) : resolve(res));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
  checkedRequests += res.requests.total;
  if (res.non2xx + res.mismatches + res.errors > 0) {
    failures.push(`${label}: ${res.non2xx} non-2xx, ${res.mismatches} answers with errors or rejections, ${res.errors} transport errors (of ${res.requests.total})`);
  }
  return res;
}
const count = (tag) => Number(psql(`SELECT count(*) FROM sales_order WHERE external_id LIKE '${tag}-${RUN}-%'`));

function pgbench(script, clients) {
  writeFileSync('/tmp/livetally-pgbench.sql', script);
  const text = execFileSync('pgbench', ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-c', String(clients), '-j', '2',
    '-T', String(SECONDS), '-f', '/tmp/livetally-pgbench.sql', DB], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const tps = Number(/tps = ([0-9.]+)/.exec(text)[1]);
  return tps;
}
const row = (tag) => `('pgbench', '${tag}-' || gen_random_uuid(), 'LIVESTREAM', ${pgbSession}, ${pgbStreamer}, ${pgbProduct}, '${pgbRegion}', 2, ${price}, ${price} * 2, '500000', 'bb', now(), false)`;
const INSERT = 'INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code, quantity, unit_price, amount, buyer_province, buyer_ref, placed_at, price_alert) VALUES ';

// ---------------------------------------------------------------- warm-up
// Sessions made LIVE by SQL were never started through the API: the first read builds their counters.
// Then a few seconds of each workload, unmeasured, so the JIT has compiled the paths measured below.
const STATS = `query($id: ID!) { session(id: $id) { stats { sessionId currentViewers peakViewers uniqueViewers views likes
  orderCount itemsSold gmv refunds netGmv conversionRate gpm averageOrderValue
  byProduct { product { id name } orderCount itemsSold gmv } updatedAt } } }`;
await gql(API, STATS, { id: readSession }, token.readHost);
await gql(API, STATS, { id: ingestSession }, token.ingestHost);
await cannon('warm-up recordOrders', { url: API, connections: 4, duration: WARMUP, token: token.ingestPlatform, verifyBody: ALL_ACCEPTED,
  requests: [{ setupRequest: (req) => ({ ...req, body: body(BATCH, { inputs: Array.from({ length: 500 }, () => order(ingestSession, ingestProducts, ingestPlatform, 'wu')) }) }) }] });
await cannon('warm-up recordOrder', { url: API, connections: 32, duration: WARMUP, token: token.ingestPlatform,
  requests: [{ setupRequest: (req) => ({ ...req, body: body(SINGLE, { input: order(ingestSession, ingestProducts, ingestPlatform, 'wu') }) }) }] });
await cannon('warm-up stats', { url: API, connections: 32, duration: WARMUP, token: token.readHost, body: body(STATS, { id: readSession }) });

if (PARTS.includes('ingest')) {
// ---------------------------------------------------------------- ingest
say('### Ingest (durable orders per second, counted in PostgreSQL afterwards)');
say('| livetally | rate | baseline | rate | ratio |');
say('|---|---|---|---|---|');
{
  const clients = 4;
  const t0 = Date.now();
  await cannon('recordOrders', { url: API, connections: clients, duration: SECONDS, token: token.ingestPlatform, verifyBody: ALL_ACCEPTED,
    requests: [{ setupRequest: (req) => ({ ...req, body: body(BATCH, { inputs: Array.from({ length: 500 }, () => order(ingestSession, ingestProducts, ingestPlatform, 'ib')) }) }) }] });
  const ours = count('ib') / ((Date.now() - t0) / 1000);
  const raw = pgbench(`${INSERT}${Array.from({ length: 500 }, () => row('pb')).join(',')};\n`, clients) * 500;
  say(`| recordOrders, batches of 500, ${clients} clients | ${ours.toFixed(0)} orders/s | pgbench multi-row INSERT (500 rows), ${clients} clients | ${raw.toFixed(0)} rows/s | ${(ours / raw * 100).toFixed(0)}% |`);
}
{
  const clients = 32;
  const t0 = Date.now();
  await cannon('recordOrder', { url: API, connections: clients, duration: SECONDS, token: token.ingestPlatform,
    requests: [{ setupRequest: (req) => ({ ...req, body: body(SINGLE, { input: order(ingestSession, ingestProducts, ingestPlatform, 'is') }) }) }] });
  const ours = count('is') / ((Date.now() - t0) / 1000);
  const raw = pgbench(`${INSERT}${row('ps')};\n`, clients);
  say(`| recordOrder, ${clients} concurrent clients | ${ours.toFixed(0)} orders/s | pgbench single-row INSERT, ${clients} clients | ${raw.toFixed(0)} rows/s | ${(ours / raw * 100).toFixed(0)}% |`);
}

}

// ---------------------------------------------------------------- stats reads while orders stream in
if (PARTS.includes('reads')) {
say('\n### Live stats reads (32 connections, while ~1,000 orders/s stream into the session)');
say('| server | result |');
say('|---|---|');
const PG_STATS = `query($id: BigInt!) { liveSessionById(id: $id) {
  salesOrdersBySessionId { totalCount aggregates { sum { quantity amount } distinctCount { buyerRef } }
    groupedAggregates(groupBy: PRODUCT_ID) { keys sum { quantity amount } distinctCount { id } } }
  refunds: salesOrdersBySessionId(condition: { status: "REFUNDED" }) { totalCount aggregates { sum { amount } } } } }`;
const stream = () => cannon('streaming recordOrders', { url: API, connections: 2, duration: SECONDS + 2, overallRate: 20,
  token: token.readPlatform, verifyBody: ALL_ACCEPTED, requests: [{ setupRequest: (req) => ({ ...req, body: body(BATCH, { inputs: Array.from({ length: 50 }, () => order(readSession, readProducts, readPlatform, 'rs')) }) }) }] });
const readLoad = (label, url, query, variables, bearer) => cannon(label, { url, connections: 32, duration: SECONDS, token: bearer, body: body(query, variables) });
const describe = (r) => `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx + r.errors + r.mismatches} errors`;
let oursRead;
{
  const [reads] = await Promise.all([readLoad('livetally stats reads', API, STATS, { id: readSession }, token.readHost), stream()]);
  oursRead = reads;
}
// ours first: a baseline that fails to start or to answer leaves this row
say(`| livetally \`session{stats{…all fields…}}\` | ${describe(oursRead)} |`);
const graphile = spawn('node_modules/.bin/postgraphile', ['-c', PG, '--append-plugins', '@graphile/pg-aggregates', '-p', '5099',
  '--disable-query-log', '--disable-graphiql'], { stdio: 'ignore', cwd: process.cwd() });
process.on('exit', () => graphile.kill());
process.on('SIGTERM', () => process.exit(1));
process.on('SIGINT', () => process.exit(1));
let theirs;
try {
  for (let i = 0; i < 60; i++) {
    try { await gql('http://127.0.0.1:5099/graphql', PG_STATS, { id: readSession }); break; } catch { await new Promise(r => setTimeout(r, 1000)); }
  }
  const check = await gql('http://127.0.0.1:5099/graphql', PG_STATS, { id: readSession });
  const [reads] = await Promise.all([readLoad('PostGraphile stats reads', 'http://127.0.0.1:5099/graphql', PG_STATS, { id: readSession }), stream()]);
  theirs = reads;
  say(`| PostGraphile + pg-aggregates, same aggregate | ${describe(theirs)} |`);
  say(`| ratio (throughput) | ${(oursRead.requests.average / theirs.requests.average).toFixed(1)}× |`);
  say(`\nSession ${readSession}: ${check.liveSessionById.salesOrdersBySessionId.totalCount} orders at the start of the PostGraphile run.`);
} finally {
  graphile.kill();
}

}

// ---------------------------------------------------------------- fan-out
if (PARTS.includes('fanout')) {
say('\n### Fan-out: 1,000 liveStats subscribers, 1,000 orders/s');
say('| measure | value |');
say('|---|---|');
{
  const SUBSCRIBERS = 1000;
  const wsUrl = API.replace('http', 'ws');
  // For each subscriber: when it first received each orderCount.
  const seen = Array(SUBSCRIBERS).fill(null).map(() => new Map());
  const clients = [];
  let ready = 0;
  // Each subscriber authenticates as the session's host, in connection_init's payload. An error, an
  // answer with errors or a subscription completed by the server (what an out-of-scope one gets) fails the run.
  let subscriberErrors = 0, completedEarly = 0, disposing = false;
  await Promise.race([new Promise(r => setTimeout(r, 60000)), new Promise((resolve) => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
        connectionParams: { Authorization: `Bearer ${token.ingestHost}` } });
      clients.push(client);
      let first = true;
      client.subscribe({ query: `subscription { liveStats(sessionId: "${ingestSession}") { orderCount } }` }, {
        next: (m) => {
          if (m.errors) { subscriberErrors++; console.error('subscriber errors', JSON.stringify(m.errors).slice(0, 300)); }
          if (m.data && !seen[i].has(m.data.liveStats.orderCount)) seen[i].set(m.data.liveStats.orderCount, Date.now());
          if (first) { first = false; if (++ready === SUBSCRIBERS) resolve(); }
        },
        error: (e) => { subscriberErrors++; console.error('subscriber error', e?.message || e?.reason || e); if (first) { first = false; if (++ready === SUBSCRIBERS) resolve(); } },
        complete: () => { if (!disposing) completedEarly++; },
      });
    }
  })]);
  say(`| subscribers connected and served their first figures | ${ready} / ${SUBSCRIBERS} |`);
  const t0 = Date.now();
  await cannon('fan-out recordOrders', { url: API, connections: 4, duration: 10, overallRate: 10, token: token.ingestPlatform,
    verifyBody: ALL_ACCEPTED, requests: [{ setupRequest: (req) => ({ ...req, body: body(BATCH, { inputs: Array.from({ length: 100 }, () => order(ingestSession, ingestProducts, ingestPlatform, 'fo')) }) }) }] });
  // Requests still in flight when the load generator stops land a little later: the final figure is
  // the one that stays unchanged for a second, available from the moment it was first read.
  let expected = -1, finalSince = 0;
  const stableFor = 1000;
  for (let last = Date.now(); Date.now() - last < stableFor; ) {
    const now = Number((await gql(API, `query($id: ID!) { session(id: $id) { stats { orderCount } } }`, { id: ingestSession }, token.ingestHost)).session.stats.orderCount);
    if (now !== expected) { expected = now; finalSince = Date.now(); last = Date.now(); }
    await new Promise(r => setTimeout(r, 20));
  }
  const lastAck = finalSince;
  const sent = count('fo');
  await new Promise(r => setTimeout(r, 2000));
  const lags = seen.map(s => s.has(expected) ? Math.max(0, s.get(expected) - lastAck) : Infinity).sort((a, b) => a - b);
  const within = lags.filter(l => l <= 1000).length;
  const heap = (await (await fetch(METRICS)).text()).split('\n')
    .filter(l => l.startsWith('jvm_memory_used_bytes{area="heap"')).reduce((s, l) => s + Number(l.split(' ').pop()), 0);
  const rss = JAR_PID ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${JAR_PID}/status`, 'utf8'))[1]) * 1024 : NaN;
  say(`| orders sent in 10 s | ${sent} (${(sent / ((lastAck - t0) / 1000)).toFixed(0)} orders/s) |`);
  say(`| subscribers that saw the final orderCount (${expected}) within 1 s of it being readable | ${within} / ${SUBSCRIBERS} |`);
  say(`| delay from the final figure being readable to a subscriber seeing it: p50 / p99 / max | ${lags[Math.floor(SUBSCRIBERS / 2)]} / ${lags[Math.floor(SUBSCRIBERS * 0.99)]} / ${lags[SUBSCRIBERS - 1]} ms |`);
  say(`| JVM heap used / process RSS with 1,000 subscribers | ${(heap / 1048576).toFixed(0)} MiB / ${(rss / 1048576).toFixed(0)} MiB |`);
  if (subscriberErrors || completedEarly || ready < SUBSCRIBERS) {
    failures.push(`fan-out: ${ready} / ${SUBSCRIBERS} subscribers served, ${subscriberErrors} errors, ${completedEarly} completed by the server`);
  }
  disposing = true;
  await Promise.all(clients.map(c => c.dispose()));
}
}
if (failures.length) {
  console.error(`\nFAILED: requests were refused or answered errors, the figures above are not valid:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
say(`\nEvery answer checked: ${checkedRequests} load requests, none refused or with errors${PARTS.includes('fanout') ? ', every subscriber served' : ''}.`);
console.log(out.join('\n'));
process.exit(0);
