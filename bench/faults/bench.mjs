// One measurement of a running jar (bench/faults/run.sh): ingest (CLIENTS platforms sending recordOrders batches of
// BATCH as fast as answered) and live-stats reads (CLIENTS hosts reading session stats), DURATION seconds each.
// Prints one JSON line: {ordersPerSecond, readsPerSecond, errors}.
import { setTimeout as sleep } from 'node:timers/promises';

const E = process.env;
const API = `http://127.0.0.1:${E.PORT}/graphql`;
const CLIENTS = Number(E.CLIENTS ?? 8);
const BATCH = Number(E.BATCH ?? 10);
const DURATION = Number(E.DURATION ?? 15) * 1000;
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

async function phase(work) {
  let count = 0;
  const until = Date.now() + DURATION;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < until) count += await work(); }));
  return count / ((Date.now() - started) / 1000);
}
// Warm-up: the JIT and the pools.
const warm = Date.now() + 5000;
await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < warm) { await gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }); await gql(admin, STATS, { id: session }); } }));
// only answered requests count: an error answers fast and would inflate the rate
const ordersPerSecond = await phase(async () => ((await gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }))?.recordOrders.accepted ?? 0));
await sleep(500);
const readsPerSecond = await phase(async () => ((await gql(admin, STATS, { id: session })) ? 1 : 0));
console.log(JSON.stringify({ ordersPerSecond: Math.round(ordersPerSecond), readsPerSecond: Math.round(readsPerSecond), errors }));
