// Cost and rate-limit benchmark driver (issue 15). Invoked by run.sh, which starts two copies of the prod jar on
// one database and one Redis db: OFF_URL with livetally.limits.enabled=false, ON_URL with the limits on (production
// values, but an admin bucket no benchmark drains). Measures, side by side in one run:
//   1. per-request overhead of pricing + the bucket check: a cheap read as admin, OFF vs ON, A B A B;
//   2. recordOrders throughput (batches of BATCH orders, unique externalIds), OFF vs ON, A B A B;
//   3. ingest while 32 connections hammer analytics with an official's token (ON: the official is throttled),
//      beside ingest alone, and the same hammering against OFF (no limits) for contrast.
// Prints a markdown report on stdout (progress on stderr). A refused ingest batch or a wrong answer fails the run.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';

const env = process.env;
const OFF = env.OFF_URL;
const ON = env.ON_URL;
const SECONDS = Number(env.DURATION || 10);
const CONNECTIONS = Number(env.CONNECTIONS || 32);
const INGEST_CONNECTIONS = Number(env.INGEST_CONNECTIONS || 8);
const WARMUP = Number(env.WARMUP || 15);
const BATCH = Number(env.BATCH || 100);
const DISTRICT = env.DISTRICT || '500236';
// Which parts to run (a run of all three is longer than the 10 minutes a locked job may take with 4 rounds), and
// how many A B rounds each pair alternates.
const PAIRS = (env.PAIRS || '1 2 3').split(/\s+/);
const ROUNDS = Number(env.ROUNDS || 2);
// Optional third copy for part 3: limits on but no ingest priority (livetally.admission.enabled=false).
const NOPRIO = env.NOPRIO_URL;
const log = (line) => console.error(`== ${new Date().toISOString().slice(11, 19)} ${line}`);
const mint = (role, ...claims) => execFileSync(env.MINT_TOKEN, [env.JWT_PRIVATE_KEY, role, ...claims]).toString().trim();

async function call(url, query, variables, token) {
  const r = await fetch(url, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  const text = await r.text();
  const body = JSON.parse(text);
  if (r.status !== 200 || body.errors) throw new Error(`${r.status} ${text.slice(0, 500)}`);
  return body;
}

const admin = mint('admin');
const PLATFORM = 'kuaishou';
const platform = mint('platform', `platform=${PLATFORM}`);
const official = mint('official', `region_code=${DISTRICT}`);
const supplier = (await call(OFF, `mutation($r: ID!) { registerSupplier(input: {name: "bench-cost supplier", regionCode: $r,
  householdsBenefited: 3}) { id } }`, { r: DISTRICT }, admin)).data.registerSupplier.id;
const product = (await call(OFF, `mutation($s: ID!, $r: ID!) { registerProduct(input: {name: "bench-cost product",
  category: "水果", originRegionCode: $r, supplierId: $s, unitPrice: "20.00", referencePrice: "20.00"}) { id } }`,
{ s: supplier, r: DISTRICT }, admin)).data.registerProduct.id;

// ---------------------------------------------------------------- the requests
const READ = JSON.stringify({ query: `{ region(code: "${DISTRICT}") { code name } }` });
const ANALYTICS = JSON.stringify({ query: `{ region(code: "${DISTRICT}") { totals { orderCount gmv byChannel { channel gmv } } }
  topProducts(regionCode: "${DISTRICT}", limit: 20) { rank product { name } totals { gmv } } }` });
const RECORD = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates } }';
let serial = 0;
const run = `${Date.now()}`;
function batchBody() {
  const placedAt = new Date(Date.now() - 60_000).toISOString();
  const inputs = [];
  for (let i = 0; i < BATCH; i++) {
    inputs.push({ platform: PLATFORM, externalId: `cost-${run}-${serial++}`, channel: 'ONLINE_PLATFORM', productId: product,
      quantity: 1, unitPrice: '20.00', buyerProvince: '500000', placedAt });
  }
  return JSON.stringify({ query: RECORD, variables: { inputs } });
}
const accepted = `"accepted":${BATCH}`;
const sanity = await call(ON, RECORD, { inputs: JSON.parse(batchBody()).variables.inputs }, platform);
if (sanity.data.recordOrders.accepted !== BATCH || sanity.extensions?.cost?.requested !== 10 + BATCH) {
  throw new Error(`ingest sanity: ${JSON.stringify(sanity).slice(0, 500)}`);
}

let checked = 0;
function load(url, { token, body, ingest, connections, seconds, expectThrottled }) {
  return new Promise((resolve, reject) => {
    const options = { url, method: 'POST', connections, duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    if (ingest) {
      options.requests = [{ method: 'POST', setupRequest: (req) => ({ ...req, body: batchBody() }) }];
      options.verifyBody = (b) => b.includes(accepted);
    } else {
      options.body = body;
      // a dashboard's analytics may wait their turn behind ingest (up to livetally.admission.max-wait-millis)
      if (expectThrottled) options.timeout = 30;
      if (!expectThrottled) options.verifyBody = (b) => b.includes('"data"') && !b.includes('"errors"');
    }
    const instance = autocannon(options, (err, r) => (err ? reject(err) : resolve(r)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  }).then((r) => {
    const bad = (expectThrottled ? 0 : r.non2xx) + r.mismatches + r.errors + r.timeouts;
    if (bad || r.requests.total === 0) {
      throw new Error(`${url} ${ingest ? 'ingest' : 'read'}: ${r.non2xx} non-2xx, ${r.mismatches} unexpected, ${r.errors} errors, `
        + `${r.timeouts} timeouts of ${r.requests.total}`);
    }
    checked += r.requests.total;
    return r;
  });
}
const rps = (runs) => runs.reduce((s, r) => s + r.requests.total, 0) / runs.reduce((s, r) => s + r.duration, 0);
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const out = [];

// ---------------------------------------------------------------- 1 and 2: A/B
const pairs = [
  { name: `1. read \`region(code) { code name }\` as admin (cost 1), ${CONNECTIONS} connections`,
    side: { token: admin, body: READ, connections: CONNECTIONS }, perRequest: true },
  { name: `2. \`recordOrders\` of ${BATCH} orders as the platform (cost ${10 + BATCH}), ${INGEST_CONNECTIONS} connections`,
    side: { token: platform, ingest: true, connections: INGEST_CONNECTIONS }, perRequest: true, orders: true },
];
out.push('| pair | limits off: req/s (rounds) | p50 / p99 ms | limits on: req/s (rounds) | p50 / p99 ms | on/off req/s | overhead per request |');
out.push('|---|---|---|---|---|---|---|');
for (const pair of pairs.filter((p) => PAIRS.includes(p.name.slice(0, 1)))) {
  log(`${pair.name}: warm-up ${WARMUP} s each side`);
  await load(OFF, { ...pair.side, seconds: WARMUP });
  await load(ON, { ...pair.side, seconds: WARMUP });
  const runs = { off: [], on: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [key, url] of [['off', OFF], ['on', ON]]) {
      const r = await load(url, { ...pair.side, seconds: SECONDS });
      runs[key].push(r);
      log(`${pair.name} | ${key} | round ${round}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms`);
    }
  }
  const off = rps(runs.off), on = rps(runs.on);
  // With every core busy, 1 / throughput is the machine's time per request: the difference is what pricing and the
  // bucket check cost a request (CPU of the service, Redis and the load generator alike).
  const overhead = (1000 / on - 1000 / off);
  const unit = pair.orders ? ` (orders/s: ${fmt(off * BATCH)} → ${fmt(on * BATCH)})` : '';
  out.push(`| ${pair.name} | ${fmt(off)} (${runs.off.map((r) => fmt(r.requests.total / r.duration)).join(' / ')}) `
    + `| ${fmt(mean(runs.off.map((r) => r.latency.p50)))} / ${fmt(mean(runs.off.map((r) => r.latency.p99)))} `
    + `| ${fmt(on)} (${runs.on.map((r) => fmt(r.requests.total / r.duration)).join(' / ')}) `
    + `| ${fmt(mean(runs.on.map((r) => r.latency.p50)))} / ${fmt(mean(runs.on.map((r) => r.latency.p99)))} `
    + `| **${(on / off).toFixed(3)}**${unit} | ${overhead.toFixed(3)} ms |`);
}

// ---------------------------------------------------------------- 3: ingest beside a hammering dashboard
if (PAIRS.includes('3')) {
  log(`3. ingest alone, then beside ${CONNECTIONS} connections of analytics as an official`);
  const ingestOnly = (url) => load(url, { token: platform, ingest: true, connections: INGEST_CONNECTIONS, seconds: SECONDS });
  const beside = async (url) => {
    const [ingest, hammer] = await Promise.all([ingestOnly(url),
      load(url, { token: official, body: ANALYTICS, connections: CONNECTIONS, seconds: SECONDS, expectThrottled: true })]);
    return { ingest, hammer };
  };
  await beside(ON); // warm the analytics path too
  if (NOPRIO) await beside(NOPRIO);
  const alone = [], withLimits = [], withoutPriority = [], withoutLimits = [];
  for (let round = 1; round <= ROUNDS; round++) {
    alone.push(await ingestOnly(ON));
    withLimits.push(await beside(ON));
    if (NOPRIO) withoutPriority.push(await beside(NOPRIO));
    withoutLimits.push(await beside(OFF));
    log(`3 | round ${round}: alone ${alone.at(-1).requests.average.toFixed(0)}, beside (limits on) ${withLimits.at(-1).ingest.requests.average.toFixed(0)}`
      + (NOPRIO ? `, beside (limits on, no priority) ${withoutPriority.at(-1).ingest.requests.average.toFixed(0)}` : '')
      + `, beside (limits off) ${withoutLimits.at(-1).ingest.requests.average.toFixed(0)} batches/s`);
  }
  const status = (runs, code) => runs.reduce((s, r) => s + (r.hammer.statusCodeStats?.[code]?.count ?? 0), 0);
  const hammerLine = (runs) => {
    const total = runs.reduce((s, r) => s + r.hammer.requests.total, 0);
    const seconds = runs.reduce((s, r) => s + r.hammer.duration, 0);
    const pct = (n) => (total ? ((100 * n) / total).toFixed(1) : '0');
    return `${fmt(total / seconds)} req/s: ${fmt(status(runs, '200') / seconds)}/s answered, ${pct(status(runs, '429'))}% 429, `
      + `${pct(status(runs, '503'))}% 503`;
  };
  const ops = (runs) => rps(runs.map((r) => r.ingest)) * BATCH;
  const rounds = (runs) => runs.map((r) => fmt((r.ingest ?? r).requests.total * BATCH / (r.ingest ?? r).duration)).join(' / ');
  const aloneOps = rps(alone) * BATCH;
  const row = (name, runs) => `| ${name} | ${fmt(ops(runs))} (${rounds(runs)}) | **${((100 * ops(runs)) / aloneOps).toFixed(1)}%** | ${hammerLine(runs)} |`;
  out.push('');
  out.push(`| 3. ingest (${BATCH}-order batches, ${INGEST_CONNECTIONS} connections) | orders/s (rounds) | of ingest alone | the official's ${CONNECTIONS} connections of analytics |`);
  out.push('|---|---|---|---|');
  out.push(`| alone (limits on) | ${fmt(aloneOps)} (${rounds(alone)}) | 100% | — |`);
  out.push(row('beside the dashboard, limits on', withLimits));
  if (NOPRIO) out.push(row('beside the dashboard, limits on, no ingest priority', withoutPriority));
  out.push(row('beside the dashboard, limits off', withoutLimits));
}
out.push('');
out.push(`Runs of ${SECONDS} s, ${ROUNDS} rounds alternating the sides after ${WARMUP} s of warm-up of each side; two copies of the same jar on one database `
  + `and one Redis db (off: \`livetally.limits.enabled=false\`; on: production limits, an admin bucket of 10^9 points). `
  + `The analytics query costs ${10 + 20 + 1 + 5 + 2} points (region 1, totals 5, byChannel 2, topProducts 10 + 20 rows × product 1). `
  + `Every ingest batch was checked accepted whole; ${checked.toLocaleString('en-US')} requests in all.`);
console.log(out.join('\n'));
