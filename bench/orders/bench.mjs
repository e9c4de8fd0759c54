// One measurement of a running jar (bench/orders/run.sh): a product of its own, WARMUP s of recordOrders unmeasured,
// then DURATION s of CLIENTS platforms sending recordOrders batches of BATCH new ONLINE_PLATFORM orders as fast as
// answered, placed over the last ten days (two monthly partitions when the month has just begun).
// Prints one JSON line: {ordersPerSecond, p50, p99, errors}.
import { client, benchProduct } from '../lib/client.mjs';

const E = process.env;
const CLIENTS = Number(E.CLIENTS ?? 4);
const BATCH = Number(E.BATCH ?? 500);
const DURATION = Number(E.DURATION ?? 20) * 1000;
const c = client(E.PORT);
const gql = c.gql;
const product = await benchProduct(c, E.ADMIN_TOKEN);

let seq = 0;
const order = () => ({ platform: 'douyin', externalId: `bo-${E.RUN_ID}-${seq++}`, channel: 'ONLINE_PLATFORM', productId: product,
  quantity: 1 + (seq % 3), unitPrice: '10.00', buyerProvince: '500000', buyerRef: `b${seq % 997}`,
  placedAt: new Date(Date.now() - 10 * 86400e3 * Math.random()).toISOString() });
const RECORD = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }';
const send = async () => (await gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }))?.recordOrders.accepted ?? 0;

const warm = Date.now() + Number(E.WARMUP ?? 10) * 1000;
await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < warm) await send(); }));
let count = 0;
const latencies = [];
const until = Date.now() + DURATION;
const started = Date.now();
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (Date.now() < until) { const t = performance.now(); const n = await send(); count += n; latencies.push(performance.now() - t); }
}));
latencies.sort((a, b) => a - b);
const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
console.log(JSON.stringify({ ordersPerSecond: Math.round(count / ((Date.now() - started) / 1000)), p50: at(0.5), p99: at(0.99), errors: c.errors }));
