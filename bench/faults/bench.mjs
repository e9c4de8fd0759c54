// One measurement of a running jar (bench/faults/run.sh), on a session of its own made LIVE now: first, when PREV_SESSION
// names a session left LIVE by the previous round (another JVM), DIRTY s of stats reads of it right after the start
// (this jar's repairs hold it dirty, read from PostgreSQL, until the repair job has checked it), then it is ended;
// WARMUP s of ingest and reads mixed (unmeasured: the JIT and the pools); then ingest (CLIENTS platforms sending
// recordOrders batches of BATCH as fast as answered) and stats reads of the new session, clean by then (CLIENTS
// readers), DURATION s each. The new session stays LIVE for the next round.
// Prints one JSON line: {ordersPerSecond, cpuMsPer1000Orders (the service's CPU during the ingest phase), readsPerSecond,
// dirtyReadsPerSecond, session, errors}.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const E = process.env;
const API = `http://127.0.0.1:${E.PORT}/graphql`;
const CLIENTS = Number(E.CLIENTS ?? 8);
const BATCH = Number(E.BATCH ?? 10);
const DURATION = Number(E.DURATION ?? 20) * 1000;
let errors = 0;

async function gql(token, query, variables) {
  const res = await fetch(API, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (res.status !== 200 || body.errors) { errors++; if (errors < 3) console.error(JSON.stringify(body)); }
  return res.status === 200 && !body.errors ? body.data : null;
}
const admin = E.ADMIN_TOKEN;
const supplier = (await gql(admin, 'mutation { registerSupplier(input: {name: "bench", regionCode: "500236", householdsBenefited: 1}) { id } }')).registerSupplier.id;
await gql(admin, 'mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
const product = (await gql(admin, 'mutation($s: ID!) { registerProduct(input: {name: "bench", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00"}) { id } }', { s: supplier })).registerProduct.id;
const host = (await gql(admin, `mutation { registerStreamer(input: {handle: "b${E.RUN_ID}", displayName: "bench", kind: FARMER, platform: "douyin", homeRegionCode: "500236"}) { id } }`)).registerStreamer.id;
const session = (await gql(admin, 'mutation($h: ID!, $p: ID!, $at: DateTime!) { scheduleSession(input: {title: "bench", streamerId: $h, regionCode: "500236", scheduledStart: $at, productIds: [$p]}) { id } }', { h: host, p: product, at: new Date(Date.now() + 60e3).toISOString() })).scheduleSession.id;
await gql(admin, 'mutation($id: ID!) { startSession(id: $id) { id } }', { id: session });

let seq = 0;
const order = () => ({ platform: 'douyin', externalId: `bf-${E.RUN_ID}-${seq++}`, channel: 'LIVESTREAM', sessionId: session,
  productId: product, quantity: 1, unitPrice: '10.00', buyerProvince: '500000', buyerRef: `b${seq % 997}`, placedAt: new Date().toISOString() });
const RECORD = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }';
const STATS = 'query($id: ID!) { session(id: $id) { stats { orderCount gmv currentViewers byProduct { orderCount } } } }';

async function phase(work, duration = DURATION) {
  let count = 0;
  const until = Date.now() + duration;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < until) count += await work(); }));
  return count / ((Date.now() - started) / 1000);
}
let dirtyReadsPerSecond = null;
if (E.PREV_SESSION) {
  dirtyReadsPerSecond = await phase(async () => ((await gql(admin, STATS, { id: E.PREV_SESSION })) ? 1 : 0), Number(E.DIRTY ?? 5) * 1000);
  await gql(admin, 'mutation($id: ID!) { endSession(id: $id) { id } }', { id: E.PREV_SESSION });
}
// Warm-up: the JIT and the pools.
const warm = Date.now() + Number(E.WARMUP ?? 20) * 1000;
await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < warm) { await gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }); await gql(admin, STATS, { id: session }); } }));
// The service's CPU (user + system, /proc) per order: what the machinery costs, less sensitive than the rate to what
// else the shared machine runs at the time.
const cpuSeconds = () => {
  if (!E.SERVER_PID) return NaN;
  const fields = readFileSync(`/proc/${E.SERVER_PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const cpu0 = cpuSeconds();
const ingestStarted = Date.now();
// only answered requests count: an error answers fast and would inflate the rate
const ordersPerSecond = await phase(async () => ((await gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }))?.recordOrders.accepted ?? 0));
const cpuPerOrder = (cpuSeconds() - cpu0) / (ordersPerSecond * ((Date.now() - ingestStarted) / 1000));
await sleep(500);
const readsPerSecond = await phase(async () => ((await gql(admin, STATS, { id: session })) ? 1 : 0));
console.log(JSON.stringify({ ordersPerSecond: Math.round(ordersPerSecond),
  cpuMsPer1000Orders: Number.isFinite(cpuPerOrder) ? Math.round(cpuPerOrder * 1e6) : null, readsPerSecond: Math.round(readsPerSecond),
  dirtyReadsPerSecond: dirtyReadsPerSecond === null ? null : Math.round(dirtyReadsPerSecond), session, errors }));
