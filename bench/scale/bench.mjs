// Driver of bench/scale/run.sh: 1 vs 3 instances behind HAProxy, ingest (recordOrders, batches of 20, 16
// connections) and stats reads (session { stats }, 32 connections), alternating; prints a markdown table.
import autocannon from 'autocannon';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const E = process.env;
const LB = `http://127.0.0.1:${E.LB_PORT}/graphql`;
const SECONDS = Number(E.DURATION ?? 15);
const ROUNDS = Number(E.ROUNDS ?? 2);
const INSTANCES = Number(E.INSTANCES);
const RUN = Date.now().toString(36);

async function must(query, variables) {
  const r = await fetch(LB, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${E.ADMIN_TOKEN}` } });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
/** HAProxy's runtime API: instances 2.. in or out of service. */
function haproxy(command) {
  return new Promise((resolve, reject) => {
    const c = createConnection(`${E.SCALE_DIR}/haproxy.sock`);
    let out = '';
    c.on('data', (d) => { out += d; });
    c.on('end', () => resolve(out));
    c.on('error', reject);
    c.end(`${command}\n`);
  });
}
async function inService(n) {
  for (let i = 2; i <= INSTANCES; i++) await haproxy(`${i <= n ? 'enable' : 'disable'} server instances/app${i}`);
  await sleep(1500);
}
function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ url: LB, method: 'POST', duration: SECONDS, ...opts,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` } },
    (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const supplier = (await must('mutation { registerSupplier(input: {name: "bench-scale", regionCode: "500236", householdsBenefited: 1}) { id } }')).registerSupplier.id;
await must('mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
const product = (await must('mutation($s: ID!) { registerProduct(input: {name: "bench-scale", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00"}) { id } }', { s: supplier })).registerProduct.id;
const host = (await must('mutation { registerStreamer(input: {handle: "bench-scale", displayName: "bench-scale", kind: FARMER, platform: "douyin", homeRegionCode: "500236"}) { id } }')).registerStreamer.id;
const sessions = [];
for (let i = 0; i < 6; i++) {
  const id = (await must('mutation($h: ID!, $p: ID!, $at: DateTime!) { scheduleSession(input: {title: "bench-scale", streamerId: $h, regionCode: "500236", scheduledStart: $at, productIds: [$p]}) { id } }',
    { h: host, p: product, at: new Date(Date.now() + 60e3).toISOString() })).scheduleSession.id;
  await must('mutation($id: ID!) { startSession(id: $id) { id } }', { id });
  sessions.push(id);
}
let seq = 0;
const RECORD = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }';
const ingest = () => run({ connections: 16, token: E.PLATFORM_TOKEN, requests: [{ setupRequest: (req) => {
  const inputs = Array.from({ length: 20 }, () => {
    seq++;
    return { platform: 'douyin', externalId: `bs-${RUN}-${seq}`, channel: 'LIVESTREAM', sessionId: sessions[seq % 6],
      productId: product, quantity: 1, unitPrice: '10.00', buyerRef: `b${seq % 5000}`, placedAt: new Date().toISOString() };
  });
  return { ...req, body: JSON.stringify({ query: RECORD, variables: { inputs } }) };
} }] });
const STATS = 'query($id: ID!) { session(id: $id) { stats { orderCount gmv currentViewers } } }';
const reads = () => run({ connections: 32, token: E.ADMIN_TOKEN, requests: [{ setupRequest: (req) => (
  { ...req, body: JSON.stringify({ query: STATS, variables: { id: sessions[(seq++) % 6] } }) }) }] });

const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const n of [1, INSTANCES]) {
    await inService(n);
    const w = await ingest();
    const r = await reads();
    rows.push({ n, ordersPerS: (w['2xx'] * 20) / SECONDS, writeErrors: w.non2xx + w.errors,
      readsPerS: r['2xx'] / SECONDS, p50: r.latency.p50, p99: r.latency.p99, readErrors: r.non2xx + r.errors });
    console.error(JSON.stringify(rows[rows.length - 1]));
  }
}
await inService(INSTANCES);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const of = (n, k) => median(rows.filter((r) => r.n === n).map((r) => r[k]));
console.log([
  `| instances in service | recordOrders (batches of 20, 16 conn.) orders/s | stats reads (32 conn.) req/s | p50 ms | p99 ms | errors |`,
  '|---|---|---|---|---|---|',
  ...[1, INSTANCES].map((n) => `| ${n} | ${of(n, 'ordersPerS').toFixed(0)} | ${of(n, 'readsPerS').toFixed(0)} | ${of(n, 'p50')} | ${of(n, 'p99')} | ${rows.filter((r) => r.n === n).reduce((a, r) => a + r.writeErrors + r.readErrors, 0)} |`),
  '',
  `ratio ${INSTANCES} : 1 — ingest ${(of(INSTANCES, 'ordersPerS') / of(1, 'ordersPerS')).toFixed(2)}, stats reads ${(of(INSTANCES, 'readsPerS') / of(1, 'readsPerS')).toFixed(2)} (medians of ${ROUNDS} rounds of ${SECONDS} s each, alternating)`,
].join('\n'));
