// Measurements of running jars (bench/faults/run.sh), each on a LIVE session of its own made now.
// One jar (PORT, SERVER_PID): first, when PREV_SESSION names a session left LIVE by the previous round (another JVM),
// DIRTY s of stats reads of it right after the start (this jar's repairs hold it dirty, read from PostgreSQL, until the
// repair job has checked it), then it is ended; WARMUP s of ingest and reads mixed (unmeasured: the JIT and the pools);
// then ingest (CLIENTS platforms sending recordOrders batches of BATCH as fast as answered) and stats reads of the new
// session, clean by then (CLIENTS readers), DURATION s each. The new session stays LIVE for the next round. Prints one
// JSON line: {ordersPerSecond, cpuMsPer1000Orders (the service's CPU during the ingest phase), readsPerSecond,
// dirtyReadsPerSecond, session, errors}.
// Two jars running side by side (SIDE="base:PORT:PID this:PORT:PID", both on one database and Redis): each warmed,
// then ROUNDS rounds, each measuring both jars one after the other (ingest then reads), the order alternating
// (base this, this base, …): the machine's state and the data's growth fall on both alike. Prints one line per jar
// and round: "<name> <JSON as above>".
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { client, benchProduct } from '../lib/client.mjs';

const E = process.env;
const CLIENTS = Number(E.CLIENTS ?? 8);
const BATCH = Number(E.BATCH ?? 10);
const DURATION = Number(E.DURATION ?? 20) * 1000;
const WARMUP = Number(E.WARMUP ?? 20) * 1000;
const admin = E.ADMIN_TOKEN;
const RECORD = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }';
const STATS = 'query($id: ID!) { session(id: $id) { stats { orderCount gmv currentViewers byProduct { orderCount } } } }';

async function phase(work, duration = DURATION) {
  let count = 0;
  const until = Date.now() + duration;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < until) { const n = await work(); count += n; } }));
  return count / ((Date.now() - started) / 1000);
}

// A jar under measure: its client, its process and a LIVE session of its own selling one product.
async function jar(name, port, pid) {
  const c = client(port);
  const product = await benchProduct(c, admin);
  const runId = `${E.RUN_ID}-${name}`;
  const host = (await c.gql(admin, `mutation { registerStreamer(input: {handle: "b${runId}", displayName: "bench", kind: FARMER, platform: "douyin", homeRegionCode: "500236"}) { id } }`)).registerStreamer.id;
  const session = (await c.gql(admin, 'mutation($h: ID!, $p: ID!, $at: DateTime!) { scheduleSession(input: {title: "bench", streamerId: $h, regionCode: "500236", scheduledStart: $at, productIds: [$p]}) { id } }', { h: host, p: product, at: new Date(Date.now() + 60e3).toISOString() })).scheduleSession.id;
  await c.gql(admin, 'mutation($id: ID!) { startSession(id: $id) { id } }', { id: session });
  let seq = 0;
  const order = () => ({ platform: 'douyin', externalId: `bf-${runId}-${seq++}`, channel: 'LIVESTREAM', sessionId: session,
    productId: product, quantity: 1, unitPrice: '10.00', buyerProvince: '500000', buyerRef: `b${seq % 997}`, placedAt: new Date().toISOString() });
  const send = async () => (await c.gql(E.PLATFORM_TOKEN, RECORD, { inputs: Array.from({ length: BATCH }, order) }))?.recordOrders.accepted ?? 0;
  const read = async (id = session) => ((await c.gql(admin, STATS, { id })) ? 1 : 0);
  // the service's CPU (user + system, /proc) per order: what the machinery costs, less sensitive than the rate to what
  // else the shared machine runs at the time
  const cpuSeconds = () => {
    if (!pid) return NaN;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return {
    name, c, session, read,
    async warm(duration) {
      const until = Date.now() + duration;
      await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < until) { await send(); await read(); } }));
    },
    async measure() {
      const cpu0 = cpuSeconds();
      const started = Date.now();
      // only answered requests count: an error answers fast and would inflate the rate
      const ordersPerSecond = await phase(send);
      const cpuPerOrder = (cpuSeconds() - cpu0) / (ordersPerSecond * ((Date.now() - started) / 1000));
      await sleep(500);
      const readsPerSecond = await phase(read);
      return { ordersPerSecond: Math.round(ordersPerSecond), cpuMsPer1000Orders: Number.isFinite(cpuPerOrder) ? Math.round(cpuPerOrder * 1e6) : null,
        readsPerSecond: Math.round(readsPerSecond), session, errors: c.errors };
    },
  };
}

if (E.SIDE) {
  const jars = [];
  for (const spec of E.SIDE.trim().split(/\s+/)) { const [name, port, pid] = spec.split(':'); jars.push(await jar(name, port, pid)); }
  for (const j of jars) await j.warm(WARMUP);
  for (let round = 0; round < Number(E.ROUNDS ?? 4); round++) {
    for (const j of round % 2 ? [...jars].reverse() : jars) {
      const errorsBefore = j.c.errors;
      const r = await j.measure();
      console.log(`${j.name} ${JSON.stringify({ ...r, dirtyReadsPerSecond: null, errors: j.c.errors - errorsBefore })}`);
    }
  }
} else {
  const j = await jar('', E.PORT, E.SERVER_PID);
  let dirtyReadsPerSecond = null;
  if (E.PREV_SESSION) {
    dirtyReadsPerSecond = await phase(() => j.read(E.PREV_SESSION), Number(E.DIRTY ?? 5) * 1000);
    await j.c.gql(admin, 'mutation($id: ID!) { endSession(id: $id) { id } }', { id: E.PREV_SESSION });
  }
  await j.warm(WARMUP);
  const r = await j.measure();
  console.log(JSON.stringify({ ...r, dirtyReadsPerSecond: dirtyReadsPerSecond === null ? null : Math.round(dirtyReadsPerSecond) }));
}
