// One round of the live-insight benchmark (issue 14) against a running jar (bench/insight/run.sh starts it).
// PART=setup: makes a LIVE session with 5 products, 300 orders (buyers from 6 provinces), 2,000 viewer events
//   (this jar: every kind, sources, event ids; the base jar: JOIN, LEAVE, LIKE, which is all it takes) and prints
//   {session, products, region} for the later rounds.
// PART=reads: WARMUP s then DURATION s of stats reads of that session by CLIENTS readers, FIELDS=old (the fields the
//   jar before the insight merge serves) or new (the same plus every live-insight field). Prints {readsPerSecond}.
// PART=events: WARMUP s then DURATION s of recordViewerEvents, batches of BATCH (500), every kind mixed in turn
//   (JOIN, LEAVE, LIKE, PRODUCT_IMPRESSION, PRODUCT_CLICK, ADD_TO_CART, FOLLOW, SHARE, COMMENT), a new eventId each,
//   viewers drawn from 100,000, by CLIENTS platforms. Prints {eventsPerSecond}.
// PART=alerts: RATE orders/s (recordOrders batches of 10, LIVESTREAM orders of the session) for DURATION s; every
//   200 ms one order of a batch is a price-gouging order of a product of its own (an alert fires once per product,
//   region and minute); an official of the products' district subscribed to `alerts` on the same jar notes when each
//   alert arrives. Prints {sent, rate, alerts, fromAck: {p50, p99, max}, fromSend: {...}, missing}.
// Every answer is checked: an answer with errors counts in `errors` (and the round's figure excludes it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const E = process.env;
const API = `http://127.0.0.1:${E.PORT}/graphql`;
const CLIENTS = Number(E.CLIENTS ?? 4);
const DURATION = Number(E.DURATION ?? 10) * 1000;
const WARMUP = Number(E.WARMUP ?? 5) * 1000;
const RUN = E.RUN_ID ?? Date.now().toString(36);
let errors = 0;
const mint = (role, ...claims) => execFileSync(E.MINT_TOKEN, [E.JWT_PRIVATE_KEY, role, ...claims],
  { env: { ...process.env, TTL: '7200', SUBJECT: `${role}-${RUN}` } }).toString().trim();
const admin = mint('admin');
const platform = mint('platform', 'platform=douyin');

async function gql(token, query, variables) {
  return post(token, JSON.stringify({ query, variables }));
}
// payload: the request's JSON, as a string or as its bytes. HTTP_CLIENT=http (the default): node:http with keep-alive
// connections (CLIENTS of them), which costs the driver about half the CPU of fetch (undici) per request; fetch: as
// before 2026-12-07 11:00.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function request(token, payload) {
  if (E.HTTP_CLIENT === 'fetch') {
    return fetch(API, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: payload }).then(async (res) => ({ status: res.status, body: await res.json() }));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(API, { method: 'POST', agent, headers: { 'content-type': 'application/json',
      authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => { try { resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }); } catch (e) { reject(e); } });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
async function post(token, payload) {
  try {
    const { status, body } = await request(token, payload);
    if (status !== 200 || body.errors) { errors++; if (errors < 3) console.error(JSON.stringify(body).slice(0, 400)); return null; }
    return body.data;
  } catch (e) {
    errors++; if (errors < 3) console.error(String(e)); return null;
  }
}
async function must(query, variables) {
  const d = await gql(admin, query, variables);
  if (!d) throw new Error(`setup failed: ${query.slice(0, 80)}`);
  return d;
}
async function phase(work, duration) {
  let count = 0;
  const until = Date.now() + duration;
  const started = Date.now();
  // `count += await work()` would read count before the await and lose the other clients' additions (each client
  // wrote its own total: the rate came out about 1/CLIENTS of what was answered, until 2026-12-07 10:50)
  await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < until) { const n = await work(); count += n; } }));
  return count / ((Date.now() - started) / 1000);
}
// CPU of the jar (CPU_PID) and of the PostgreSQL backends connected to its database (CPU_DB), in ms, from /proc: a
// measure's CPU per read or per order. A backend that closes during the measure is not counted.
const TICK_MS = 10; // CLK_TCK 100
function ticks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]); // utime, stime
  } catch { return null; }
}
function cpu() {
  if (!E.CPU_PID) return null;
  const backends = E.CPU_DB ? execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc',
    `SELECT pid FROM pg_stat_activity WHERE datname = '${E.CPU_DB}'`]).toString().trim().split('\n').filter(Boolean) : [];
  const pg = new Map(backends.map((pid) => [pid, ticks(pid)]));
  return { jar: ticks(E.CPU_PID), pg, at: Date.now() };
}
function cpuSince(before, units) {
  if (!before) return null;
  const after = cpu();
  let pg = 0;
  for (const [pid, t] of after.pg) if (t !== null) pg += t - (before.pg.get(pid) ?? 0);
  const jar = after.jar - before.jar;
  const seconds = (after.at - before.at) / 1000;
  return { jarMsPerUnit: +(jar * TICK_MS / units).toFixed(3), pgMsPerUnit: +(pg * TICK_MS / units).toFixed(3),
    jarCores: +(jar * TICK_MS / 1000 / seconds).toFixed(2), pgCores: +(pg * TICK_MS / 1000 / seconds).toFixed(2) };
}
const quantile = (xs, q) => xs.length ? xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : null;

const RECORD_ORDERS = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted rejected { reason } } }';
const EVENTS = 'mutation($id: ID!, $events: [ViewerEventInput!]!) { recordViewerEvents(sessionId: $id, events: $events) { views } }';
const OLD_FIELDS = `sessionId orderCount itemsSold gmv refunds netGmv averageOrderValue currentViewers peakViewers uniqueViewers
  views likes conversionRate gpm updatedAt byProduct { orderCount itemsSold gmv }`;
const NEW_FIELDS = `sessionId orderCount itemsSold gmv refunds netGmv averageOrderValue currentViewers peakViewers uniqueViewers
  views likes conversionRate gpm updatedAt
  byProduct { orderCount itemsSold gmv impressions clicks addToCarts clickThroughRate clickToOrderRate }
  averageWatchSeconds newFollowers shares comments byTrafficSource { source viewers orderCount }
  byBuyerProvince { province orderCount gmv }`;
const KINDS = ['JOIN', 'LEAVE', 'LIKE', 'PRODUCT_IMPRESSION', 'PRODUCT_CLICK', 'ADD_TO_CART', 'FOLLOW', 'SHARE', 'COMMENT'];
const SOURCES = ['FEED', 'FOLLOWING', 'SEARCH', 'SHARE', 'ADS'];
let seq = 0;
function event(kinds, products, full) {
  const n = seq++;
  const type = kinds[n % kinds.length];
  const e = { type, viewerRef: `v${Math.floor(Math.random() * 100000)}` };
  if (full) {
    e.eventId = `${RUN}-${n}`;
    if (type === 'JOIN') e.source = SOURCES[n % SOURCES.length];
    if (type.startsWith('PRODUCT_') || type === 'ADD_TO_CART') e.productId = products[n % products.length];
  }
  return e;
}
const order = (session, product, n, price = '10.00', channel = 'LIVESTREAM') => ({ platform: 'douyin',
  externalId: `bi-${RUN}-${n}`, channel, sessionId: channel === 'LIVESTREAM' ? session : null, productId: product,
  quantity: 1 + (n % 3), unitPrice: price, buyerProvince: ['500000', '370000', '110000', '440000', '510000', '330000'][n % 6],
  buyerRef: `v${n % 5000}`, placedAt: new Date().toISOString() });

async function setup() {
  const full = E.FULL === '1';
  const supplier = (await must('mutation { registerSupplier(input: {name: "bench", regionCode: "500236", householdsBenefited: 1}) { id } }')).registerSupplier.id;
  await must('mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
  const products = [];
  for (let i = 0; i < 5; i++) {
    products.push((await must('mutation($s: ID!) { registerProduct(input: {name: "bench", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00", referencePrice: "10.00"}) { id } }', { s: supplier })).registerProduct.id);
  }
  const host = (await must(`mutation { registerStreamer(input: {handle: "bi${RUN}", displayName: "bench", kind: FARMER, platform: "douyin", homeRegionCode: "500236"}) { id } }`)).registerStreamer.id;
  const session = (await must('mutation($h: ID!, $p: [ID!]!, $at: DateTime!) { scheduleSession(input: {title: "bench-insight", streamerId: $h, regionCode: "500236", scheduledStart: $at, productIds: $p}) { id } }',
    { h: host, p: products, at: new Date(Date.now() + 60e3).toISOString() })).scheduleSession.id;
  await must('mutation($id: ID!) { startSession(id: $id) { id } }', { id: session });
  const kinds = full ? KINDS : ['JOIN', 'LEAVE', 'LIKE'];
  for (let b = 0; b < 4; b++) {
    if (!await gql(platform, EVENTS, { id: session, events: Array.from({ length: 500 }, () => event(kinds, products, full)) })) throw new Error('setup events failed');
  }
  for (let b = 0; b < 30; b++) {
    const d = await gql(platform, RECORD_ORDERS, { inputs: Array.from({ length: 10 }, (_, j) => order(session, products[(b + j) % 5], b * 10 + j)) });
    if (!d || d.recordOrders.rejected.length) throw new Error('setup orders failed');
  }
  // the supplier for the alerts part's products of their own
  return { session, products, supplier };
}

async function reads() {
  const q = `query($id: ID!) { session(id: $id) { stats { ${E.FIELDS === 'new' ? NEW_FIELDS : OLD_FIELDS} } } }`;
  const read = async () => ((await gql(admin, q, { id: E.SESSION })) ? 1 : 0);
  await phase(read, WARMUP);
  const before = cpu();
  let n = 0;
  const rate = await phase(async () => { const r = await read(); n += r; return r; }, DURATION);
  return { readsPerSecond: Math.round(rate), cpuPerRead: cpuSince(before, n) };
}

async function events() {
  const products = E.PRODUCTS.split(',');
  const BATCH = Number(E.BATCH ?? 500);
  const body = () => Buffer.from(JSON.stringify({ query: EVENTS, variables: { id: E.SESSION, events: Array.from({ length: BATCH }, () => event(KINDS, products, true)) } }));
  // PREBUILT (1): the measure's request bodies are made before it (each batch's events with new event ids, as sent
  // on the fly, encoded once), PREBUILT_RATE (400) batches/s for DURATION s, so that the driver's CPU during the
  // measure is sending and reading answers, not building 500 objects and 50 kB of JSON a batch on the jar's 2 cores.
  // Should they run out, the next are made on the fly (counted in builtDuringMeasure).
  const prebuilt = [];
  let builtDuring = 0;
  let batches = 0;
  let measuring = false;
  const send = async () => {
    let payload = measuring ? prebuilt.pop() : undefined;
    if (payload === undefined) { payload = body(); if (measuring) builtDuring++; }
    const ok = await post(platform, payload);
    if (ok) batches++;
    return ok ? BATCH : 0;
  };
  await phase(send, WARMUP);
  if (E.PREBUILT !== '0') {
    for (let i = Math.ceil(DURATION / 1000 * Number(E.PREBUILT_RATE ?? 400)); i > 0; i--) prebuilt.push(body());
  }
  const madeBefore = prebuilt.length;
  measuring = true;
  // CPU per batch of the measure: the jar, its PostgreSQL backends, redis-server (REDIS_CPU_PID) and this driver
  const before = cpu();
  const redisBefore = E.REDIS_CPU_PID ? ticks(E.REDIS_CPU_PID) : null;
  const driverBefore = process.cpuUsage();
  batches = 0;
  const rate = await phase(send, DURATION);
  const driver = process.cpuUsage(driverBefore);
  const split = cpuSince(before, Math.max(1, batches));
  if (split) {
    split.redisMsPerUnit = redisBefore === null ? null : +((ticks(E.REDIS_CPU_PID) - redisBefore) * TICK_MS / Math.max(1, batches)).toFixed(3);
    split.driverMsPerUnit = +((driver.user + driver.system) / 1000 / Math.max(1, batches)).toFixed(3);
  }
  return { eventsPerSecond: Math.round(rate), cpuPerBatch: split, prebuilt: madeBefore, builtDuringMeasure: builtDuring };
}

async function alerts() {
  const RATE = Number(E.RATE ?? 1000);
  const products = E.PRODUCTS.split(',');
  // the gouged products: one per alert
  const count = Math.ceil(DURATION / 200);
  const gouged = [];
  for (let i = 0; i < count; i++) {
    gouged.push((await must('mutation($s: ID!) { registerProduct(input: {name: "gouged", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00", referencePrice: "10.00"}) { id } }', { s: E.SUPPLIER })).registerProduct.id);
  }
  const heard = new Map();
  const ws = new WebSocket(`ws://127.0.0.1:${E.PORT}/graphql`, 'graphql-transport-ws');
  await new Promise((resolve, reject) => {
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${mint('official', 'region_code=500236')}` } }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { alerts { kind order { externalId } } }' } }));
        setTimeout(resolve, 500);
      } else if (msg.type === 'next' && msg.payload?.data?.alerts?.order) {
        heard.set(msg.payload.data.alerts.order.externalId, Date.now());
      } else if (msg.type === 'error' || msg.payload?.errors) { errors++; console.error(JSON.stringify(msg)); }
    };
    ws.onerror = reject;
  });
  // warm-up at the rate, no gouging
  let n = 1_000_000;
  const batchEvery = 10 * 1000 / RATE;
  const drive = async (ms, gouge) => {
    const samples = [];
    const acks = [];
    const inflight = [];
    let sent = 0;
    const started = Date.now();
    let nextGouge = started;
    let g = 0;
    for (let k = 0; Date.now() - started < ms; k++) {
      const due = started + k * batchEvery;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const inputs = Array.from({ length: 10 }, (_, j) => order(E.SESSION, products[(k + j) % products.length], n++));
      let mark = null;
      if (gouge && Date.now() >= nextGouge && g < gouged.length) {
        inputs[0] = order(null, gouged[g++], n++, '13.50', 'ONLINE_PLATFORM');
        mark = { id: inputs[0].externalId };
        nextGouge += 200;
      }
      sent += 10;
      const at = Date.now();
      inflight.push(gql(platform, RECORD_ORDERS, { inputs }).then((d) => {
        acks.push(Date.now() - at);
        if (mark && d) samples.push({ ...mark, sentAt: at, ackAt: Date.now() });
      }));
      if (inflight.length > 200) await Promise.all(inflight.splice(0, 100));
    }
    await Promise.all(inflight);
    return { samples, acks, sent, seconds: (Date.now() - started) / 1000 };
  };
  await drive(WARMUP, false);
  const before = cpu();
  const run = await drive(DURATION, true);
  const cpuPerOrder = cpuSince(before, run.sent);
  await sleep(2000);
  ws.close();
  const fromAck = []; const fromSend = []; let missing = 0;
  for (const s of run.samples) {
    const t = heard.get(s.id);
    if (t === undefined) { missing++; continue; }
    fromAck.push(Math.max(0, t - s.ackAt)); fromSend.push(t - s.sentAt);
  }
  fromAck.sort((a, b) => a - b); fromSend.sort((a, b) => a - b);
  const dist = (xs) => ({ p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: xs[xs.length - 1] ?? null });
  run.acks.sort((a, b) => a - b);
  return { ordersPerSecond: Math.round(run.sent / run.seconds), cpuPerOrder, batchAck: dist(run.acks), alerts: run.samples.length, missing,
    fromAck: dist(fromAck), fromSend: dist(fromSend), beforeAck: run.samples.filter((s) => (heard.get(s.id) ?? Infinity) < s.ackAt).length };
}

const part = { setup, reads, events, alerts }[E.PART];
const result = await part();
console.log(JSON.stringify({ ...result, errors }));
process.exit(0);
