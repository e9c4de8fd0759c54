// Security-overhead benchmark driver (issue 5): what authentication and authorization cost per
// request. Invoked by run.sh, which starts the prod jar on an empty database; this script makes the
// dataset through the API (as an admin and as the platform), then measures four A/B pairs side by
// side, A B A B, each run DURATION s at CONNECTIONS connections (autocannon), right after a warm-up of
// both of its sides. Every answer is compared with the one checked before the load: a refused request,
// an answer with errors or an answer different from the other side's fails the run.
// Prints a markdown report on stdout (progress on stderr).
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';

const env = process.env;
const API = env.API_URL;                              // http://127.0.0.1:PORT/graphql
const SECONDS = Number(env.DURATION || 10);
const CONNECTIONS = Number(env.CONNECTIONS || 32);
const WARMUP = Number(env.WARMUP || 15);
const ORDERS = Number(env.ORDERS || 5000);
const DISTRICT = env.DISTRICT || '500236';            // 奉节县
const log = (line) => console.error(`== ${new Date().toISOString().slice(11, 19)} ${line}`);
const mint = (role, ...claims) => execFileSync(env.MINT_TOKEN, [env.JWT_PRIVATE_KEY, role, ...claims]).toString().trim();

async function post(query, variables, token) {
  const r = await fetch(API, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: r.status, text: await r.text() };
}
async function call(query, variables, token) {
  const { status, text } = await post(query, variables, token);
  const body = JSON.parse(text);
  if (status !== 200 || body.errors) throw new Error(`${status} ${text.slice(0, 500)}`);
  return body.data;
}

// ---------------------------------------------------------------- dataset, through the API
const admin = mint('admin');
log(`dataset: one session in ${DISTRICT}, ${ORDERS} orders`);
const supplier = (await call(`mutation($r: ID!) { registerSupplier(input: {name: "bench-sec supplier", regionCode: $r,
  householdsBenefited: 12}) { id } }`, { r: DISTRICT }, admin)).registerSupplier.id;
await call('mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier }, admin);
const products = [];
for (let i = 0; i < 5; i++) {
  products.push((await call(`mutation($s: ID!, $r: ID!, $n: String!, $p: BigDecimal!) { registerProduct(input: {name: $n,
    category: "水果", originRegionCode: $r, supplierId: $s, unitPrice: $p, referencePrice: $p}) { id } }`,
  { s: supplier, r: DISTRICT, n: `bench-sec product ${i}`, p: (12.5 + i * 3).toFixed(2) }, admin)).registerProduct.id);
}
const PLATFORM = 'douyin';
const host = (await call(`mutation($r: ID!, $p: String!) { registerStreamer(input: {handle: "bench-sec-host",
  displayName: "bench-sec host", kind: FARMER, platform: $p, homeRegionCode: $r}) { id } }`,
{ r: DISTRICT, p: PLATFORM }, admin)).registerStreamer.id;
const session = (await call(`mutation($h: ID!, $r: ID!, $p: [ID!]!, $at: DateTime!) { scheduleSession(input: {title: "bench-sec",
  streamerId: $h, regionCode: $r, scheduledStart: $at, productIds: $p}) { id } }`,
{ h: host, r: DISTRICT, p: products, at: new Date(Date.now() + 3600e3).toISOString() }, admin)).scheduleSession.id;
await call('mutation($id: ID!) { startSession(id: $id) { id } }', { id: session }, admin);

// The roles real clients have: the platform records its own orders, the host reads their session,
// the district's official reads the district.
const token = {
  admin,
  platform: mint('platform', `platform=${PLATFORM}`),
  host: mint('host', `streamer_id=${host}`),
  official: mint('official', `region_code=${DISTRICT}`),
};
for (let done = 0; done < ORDERS; ) {
  const n = Math.min(1000, ORDERS - done);
  const inputs = Array.from({ length: n }, (_, k) => {
    const i = done + k;
    return { platform: PLATFORM, externalId: `sec-${i}`, channel: 'LIVESTREAM', sessionId: session,
      productId: products[i % products.length], quantity: 1 + (i % 3), unitPrice: (12.5 + (i % 5) * 3).toFixed(2),
      buyerProvince: '500000', buyerRef: `b-${i % 700}`, placedAt: new Date().toISOString() };
  });
  const receipt = (await call(`mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates
    rejected { index reason } } }`, { inputs }, token.platform)).recordOrders;
  if (receipt.accepted + receipt.duplicates !== n || receipt.rejected.length) throw new Error(`batch refused: ${JSON.stringify(receipt).slice(0, 500)}`);
  done += n;
}
// Plans as in a database whose statistics are current (this machine's PostgreSQL runs without autovacuum).
execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', env.DB_NAME, '-qc', 'VACUUM ANALYZE']);

// ---------------------------------------------------------------- the pairs
const STATS = `{ session(id: "${session}") { stats { orderCount gmv } } }`;
const TOTALS = `{ region(code: "${DISTRICT}") { totals { orderCount gmv } } }`;
const ORDERS_Q = `{ orders(first: 20, filter: { sessionId: "${session}" }) { edges { node { id amount } } } }`;
const pairs = [
  { name: 'a. `{ __typename }`: JWT verification', query: '{ __typename }',
    a: ['no token', null], b: ['admin token', token.admin] },
  { name: 'b. `session(id) { stats { orderCount gmv } }`: host scope', query: STATS,
    a: ['admin', token.admin], b: ["the session's host", token.host] },
  { name: `c. \`region(code: "${DISTRICT}") { totals { orderCount gmv } }\`: region scope`, query: TOTALS,
    a: ['admin', token.admin], b: ["the district's official", token.official] },
  { name: 'd. `orders(first: 20, filter: { sessionId }) { edges { node { id amount } } }`: narrowed list', query: ORDERS_Q,
    a: ['admin', token.admin], b: ["the district's official", token.official] },
];

// The analytics aggregator folds new orders into the rollups every second: wait until the district's
// totals count every order, so that every answer below is final.
for (let i = 0; ; i++) {
  const count = (await call(TOTALS, {}, admin)).region.totals.orderCount;
  if (count === ORDERS) break;
  if (i === 120) throw new Error(`the district's totals count ${count} orders after 60 s, expected ${ORDERS}`);
  await new Promise((r) => setTimeout(r, 500));
}
// The answer each side must give, every time: both sides see the same data (the scope covers it all).
for (const pair of pairs) {
  const body = JSON.stringify({ query: pair.query });
  for (const side of [pair.a, pair.b]) {
    const { status, text } = await post(pair.query, undefined, side[1]);
    if (status !== 200 || JSON.parse(text).errors) throw new Error(`${pair.name} as ${side[0]}: ${status} ${text.slice(0, 500)}`);
    side.push(text);
  }
  if (pair.a[2] !== pair.b[2]) throw new Error(`${pair.name}: the two sides answer differently:\n${pair.a[2]}\n${pair.b[2]}`);
  if (pair.query === ORDERS_Q && JSON.parse(pair.a[2]).data.orders.edges.length !== 20) throw new Error('orders: expected 20 edges');
  pair.body = body;
}
log(`every side answers as expected; answers: ${pairs.map((p) => p.a[2].length + ' B').join(', ')}`);

let checked = 0;
async function load(pair, side, seconds) {
  const [, bearer, expected] = side;
  const res = await new Promise((resolve, reject) => {
    const instance = autocannon({ url: API, method: 'POST', connections: CONNECTIONS, duration: seconds, body: pair.body,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      verifyBody: (b) => b === expected }, (err, r) => (err ? reject(err) : resolve(r)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
  const bad = res.non2xx + res.mismatches + res.errors + res.timeouts;
  if (bad || res.requests.total === 0) {
    throw new Error(`${pair.name} as ${side[0]}: ${res.non2xx} non-2xx, ${res.mismatches} unexpected answers, `
      + `${res.errors} errors, ${res.timeouts} timeouts of ${res.requests.total}: the figures would be worthless`);
  }
  checked += res.requests.total;
  return res;
}

const rounds = new Map();
for (const pair of pairs) {
  // Warm-up right before the pair (JIT), so that neither side runs colder than the other.
  log(`${pair.name}: warm-up, ${WARMUP} s of each side`);
  for (const side of [pair.a, pair.b]) await load(pair, side, WARMUP);
  rounds.set(pair, { a: [], b: [] });
  for (let round = 1; round <= 2; round++) {
    for (const key of ['a', 'b']) {
      const side = pair[key];
      const r = await load(pair, side, SECONDS);
      rounds.get(pair)[key].push(r);
      log(`${pair.name} | ${side[0]} | round ${round}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
    }
  }
}

// ---------------------------------------------------------------- report
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const summary = (runs) => ({
  rps: runs.reduce((s, r) => s + r.requests.total, 0) / runs.reduce((s, r) => s + r.duration, 0),
  each: runs.map((r) => r.requests.total / r.duration),
  p50: mean(runs.map((r) => r.latency.p50)),
  p99: mean(runs.map((r) => r.latency.p99)),
});
const out = [];
out.push(`| pair | A | A req/s (rounds) | A p50 / p99 ms | B | B req/s (rounds) | B p50 / p99 ms | B/A req/s | B/A p50 | B/A p99 |`);
out.push('|---|---|---|---|---|---|---|---|---|---|');
for (const pair of pairs) {
  const a = summary(rounds.get(pair).a), b = summary(rounds.get(pair).b);
  out.push(`| ${pair.name} | ${pair.a[0]} | ${fmt(a.rps)} (${a.each.map(fmt).join(' / ')}) | ${fmt(a.p50)} / ${fmt(a.p99)} `
    + `| ${pair.b[0]} | ${fmt(b.rps)} (${b.each.map(fmt).join(' / ')}) | ${fmt(b.p50)} / ${fmt(b.p99)} `
    + `| **${(b.rps / a.rps).toFixed(2)}** | ${(b.p50 / a.p50).toFixed(2)} | ${(b.p99 / a.p99).toFixed(2)} |`);
}
out.push('');
out.push(`Order of the runs per pair: A B A B, ${SECONDS} s each at ${CONNECTIONS} connections, right after ${WARMUP} s of warm-up of each side; `
  + `req/s over both rounds (each round in parentheses), p50 / p99 the mean of the two rounds' (autocannon, ms). `
  + `Dataset: session ${session} of host ${host} (${PLATFORM}) in ${DISTRICT}, ${ORDERS} orders recorded through \`recordOrders\` with the platform's token. `
  + `Every answer checked: ${checked.toLocaleString('en-US')} requests, each answered 200 with exactly the answer both sides gave before the load (no errors).`);
console.log(out.join('\n'));
