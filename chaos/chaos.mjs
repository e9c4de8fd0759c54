// The fault-injection run (issue 11), driven by chaos/run.sh: starts the packaged jar, puts it under load, injects
// the faults one after the other while the load goes on, and checks the five properties. Loopback only; its own
// redis-server (REDIS_PORT) and its own database (DB); it never touches the machine's shared servers.
// Prints a markdown report; exits 1 when a property fails.
import { spawn, execFileSync } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const E = process.env;
const SHORT = (E.PROFILE ?? 'short') === 'short';
const FAULT_MS = Number(E.FAULT_SECONDS ?? 8) * 1000;
const RECOVER_MS = Number(E.RECOVER_SECONDS ?? (SHORT ? 8 : 15)) * 1000;
const CLIENTS = Number(E.CLIENTS ?? (SHORT ? 4 : 8));
const BATCH = 10;
const EXACT_WITHIN_MS = 5000;
const HANG_MS = 15000;
const FAULTS = (E.FAULTS ?? 'redis-kill,redis-pause,db-cut,service-kill,sigterm').split(',');
const API = `http://127.0.0.1:${E.PORT}/graphql`;
const READY = `http://127.0.0.1:${E.MANAGEMENT_PORT}/q/health/ready`;
const t0 = Date.now();
const now = () => Date.now() - t0;
const log = (...a) => console.error(`[${(now() / 1000).toFixed(1)}s]`, ...a);

// ---------- processes: the jar and the redis-server of this run ----------
let server = null;
let serverExit = null;
function startServer() {
  const out = openSync(E.SERVER_LOG, 'a');
  server = spawn('java', ['-Xmx1g', '-jar', E.JAR], {
    stdio: ['ignore', out, out],
    env: { ...process.env, DB_HOST: '127.0.0.1', DB_PORT: E.DB_PORT ?? '5432', DB_NAME: E.DB, DB_USER: 'postgres',
      DB_PASSWORD: '', REDIS_URL: `redis://127.0.0.1:${E.REDIS_PORT}/0`, QUARKUS_HTTP_HOST: '127.0.0.1',
      QUARKUS_HTTP_PORT: E.PORT, QUARKUS_MANAGEMENT_HOST: '127.0.0.1', QUARKUS_MANAGEMENT_PORT: E.MANAGEMENT_PORT,
      JWT_PUBLIC_KEY_LOCATION: E.PUBLIC_KEY },
  });
  writeFileSync(E.SERVER_PID_FILE, String(server.pid));
  serverExit = new Promise((resolve) => server.once('exit', () => resolve(now())));
}
async function waitReady(boundMs = 90000) {
  const until = Date.now() + boundMs;
  while (Date.now() < until) {
    try { if ((await fetch(READY, { signal: AbortSignal.timeout(1000) })).status === 200) return; } catch { /* starting */ }
    await sleep(200);
  }
  throw new Error('the service did not become ready');
}
let redis = null;
function startRedis() {
  redis = spawn('redis-server', ['--port', E.REDIS_PORT, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' });
  writeFileSync(E.REDIS_PID_FILE, String(redis.pid));
}
const psql = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qtAc', sql]).toString();
const psqlDb = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', E.DB, '-qtAc', sql],
  { maxBuffer: 1 << 28 }).toString();

// ---------- GraphQL ----------
async function gql(token, query, variables, timeout = HANG_MS + 5000) {
  const started = Date.now();
  try {
    const res = await fetch(API, { method: 'POST', signal: AbortSignal.timeout(timeout),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    let body = null;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
  } catch (e) {
    return { status: 0, error: e.name === 'TimeoutError' ? 'timeout' : 'network', ms: Date.now() - started };
  }
}
async function must(token, query, variables) {
  const r = await gql(token, query, variables);
  if (r.status !== 200 || !r.body || r.body.errors) throw new Error(`setup failed: ${JSON.stringify(r.body ?? r)}`);
  return r.body.data;
}

// ---------- the run's records ----------
const phases = []; // {name, start, end}
const reads = []; // {t, s, acked}
const readiness = []; // {t, up}
const requests = []; // {t, ms, kind, outcome}
const sent = new Map(); // externalId -> input
const acked = new Set();
const pending = new Map(); // externalId -> input, answered without a verdict: retried
let seq = 0;
let stopping = false;

function orderInput(ids) {
  const n = seq++;
  return { platform: 'douyin', externalId: `chaos-${E.RUN_ID}-${n}`, channel: 'LIVESTREAM', sessionId: ids.session,
    productId: ids.product, quantity: 1 + (n % 3), unitPrice: '10.00', buyerProvince: '500000',
    buyerRef: `b${n % 997}`, placedAt: new Date().toISOString() };
}
const RECORD_ORDERS = 'mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates rejected { index reason } } }';
const RECORD_ORDER = 'mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate } }';

/** Sends orders; returns what became of the request (ok, or the code/network failure). */
async function send(token, inputs) {
  inputs.forEach((i) => sent.set(i.externalId, i));
  const single = inputs.length === 1;
  const r = single ? await gql(token, RECORD_ORDER, { input: inputs[0] }) : await gql(token, RECORD_ORDERS, { inputs });
  let outcome;
  if (r.status === 0) outcome = r.error;
  else if (r.body?.errors) outcome = `${r.status} ${r.body.errors[0]?.extensions?.code ?? 'no-code'}${r.body.errors[0]?.extensions?.retryable ? ' retryable' : ''}${r.retryAfter ? ' retry-after' : ''}`;
  else if (r.status !== 200) outcome = `${r.status} no-body`;
  else {
    const rejected = single ? [] : r.body.data.recordOrders.rejected;
    if (rejected.length) outcome = `rejected ${rejected[0].reason}`;
    else outcome = 'ok';
  }
  requests.push({ t: now(), ms: r.ms, kind: single ? 'single' : 'batch', outcome });
  for (const i of inputs) {
    if (outcome === 'ok') { acked.add(i.externalId); pending.delete(i.externalId); }
    else pending.set(i.externalId, i);
  }
  return outcome;
}

async function client(token, ids, k) {
  while (!stopping) {
    // A platform retries what got no answer, then sends new orders.
    const retry = [...pending.values()].slice(0, BATCH);
    retry.forEach((i) => pending.delete(i.externalId));
    const batch = retry.length ? retry : (seq % 10 < 3 ? [orderInput(ids)] : Array.from({ length: BATCH }, () => orderInput(ids)));
    const outcome = await send(token, batch);
    if (outcome !== 'ok') await sleep(200 + 50 * k);
  }
}

const STATS = 'query($id: ID!) { session(id: $id) { stats { orderCount } } }';
async function reader(token, ids) {
  while (!stopping) {
    const before = acked.size;
    const t = now();
    const r = await gql(token, STATS, { id: ids.session }, 10000);
    if (r.status === 200 && r.body?.data?.session) reads.push({ t, s: r.body.data.session.stats.orderCount, acked: before });
    await sleep(100);
  }
}
async function readinessPoller() {
  while (!stopping) {
    let up = null;
    try { up = (await fetch(READY, { signal: AbortSignal.timeout(1000) })).status === 200; } catch { up = null; }
    readiness.push({ t: now(), up });
    await sleep(100);
  }
}

// ---------- faults ----------
const FAULT = {
  'redis-kill': async () => { redis.kill('SIGKILL'); await sleep(1000); startRedis(); await sleep(FAULT_MS - 1000); },
  'redis-pause': async () => { redis.kill('SIGSTOP'); await sleep(FAULT_MS); redis.kill('SIGCONT'); },
  'db-cut': async () => {
    psql(`ALTER DATABASE ${E.DB} ALLOW_CONNECTIONS false`);
    psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${E.DB}'`);
    await sleep(FAULT_MS);
    psql(`ALTER DATABASE ${E.DB} ALLOW_CONNECTIONS true`);
  },
  'service-kill': async () => { server.kill('SIGKILL'); await serverExit; startServer(); await waitReady(); },
  sigterm: async (phase) => {
    const sent = now();
    server.kill('SIGTERM');
    const exited = await Promise.race([serverExit, sleep(60000).then(() => null)]);
    phase.exitMs = exited === null ? null : exited - sent;
    if (exited === null) { server.kill('SIGKILL'); await serverExit; }
    phase.downBeforeExit = readiness.some((r) => r.t >= sent && (exited === null || r.t <= exited) && r.up === false);
    startServer();
    await waitReady();
  },
};

// ---------- the run ----------
async function main() {
  startRedis();
  await sleep(300);
  startServer();
  await waitReady();
  const admin = E.ADMIN_TOKEN;
  const supplier = (await must(admin, 'mutation { registerSupplier(input: {name: "chaos", regionCode: "500236", householdsBenefited: 1}) { id } }')).registerSupplier.id;
  await must(admin, 'mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
  const product = (await must(admin, 'mutation($s: ID!) { registerProduct(input: {name: "chaos", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00"}) { id } }', { s: supplier })).registerProduct.id;
  const host = (await must(admin, 'mutation { registerStreamer(input: {handle: "chaos", displayName: "chaos", kind: FARMER, platform: "douyin", homeRegionCode: "500236"}) { id } }')).registerStreamer.id;
  const session = (await must(admin, 'mutation($h: ID!, $p: ID!, $at: DateTime!) { scheduleSession(input: {title: "chaos", streamerId: $h, regionCode: "500236", scheduledStart: $at, productIds: [$p]}) { id } }', { h: host, p: product, at: new Date(Date.now() + 60e3).toISOString() })).scheduleSession.id;
  await must(admin, 'mutation($id: ID!) { startSession(id: $id) { id } }', { id: session });
  const ids = { session, product };
  log(`session ${session}; ${CLIENTS} clients; faults ${FAULTS.join(', ')}`);

  const loops = [readinessPoller(), reader(admin, ids)];
  for (let k = 0; k < CLIENTS; k++) loops.push(client(E.PLATFORM_TOKEN, ids, k));
  await sleep(5000);
  for (const name of FAULTS) {
    const phase = { name, start: now() };
    log(`fault ${name}`);
    await FAULT[name](phase);
    phase.end = now();
    phases.push(phase);
    log(`fault ${name} over`);
    await sleep(RECOVER_MS);
  }
  stopping = true;
  await Promise.all(loops);
  // Whatever got no verdict is retried until it does, as a platform would.
  stopping = false;
  for (let round = 0; pending.size && round < 20; round++) {
    for (const batch of chunks([...pending.values()], 500)) await send(E.PLATFORM_TOKEN, batch);
  }
  stopping = true;
  await sleep(1000);
  return finalChecks(ids);
}
function* chunks(list, size) { for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size); }

async function finalChecks(ids) {
  const results = [];
  const check = (property, ok, detail) => results.push({ property, ok, detail });
  // (1) and (2): the database against what was sent and acknowledged.
  const stored = new Map(psqlDb(`SELECT external_id, count(*) FROM sales_order WHERE session_id = ${ids.session} GROUP BY 1`)
    .trim().split('\n').filter(Boolean).map((line) => line.split('|')).map(([id, c]) => [id, Number(c)]));
  const lost = [...acked].filter((id) => !stored.has(id));
  const twice = [...stored].filter(([, c]) => c !== 1);
  check('1 every acknowledged order stored exactly once', lost.length === 0 && twice.length === 0,
    `${acked.size} acknowledged, ${lost.length} missing, ${twice.length} stored more than once`);
  const unsent = [...stored.keys()].filter((id) => !sent.has(id));
  check('2 nothing stored that was not sent (acknowledged or retried)', unsent.length === 0 && pending.size === 0,
    `${stored.size} stored, ${unsent.length} never sent, ${pending.size} still without a verdict`);
  // Replaying every acknowledged order: each one a duplicate.
  let replayDuplicates = 0;
  for (const batch of chunks([...acked].map((id) => sent.get(id)), 1000)) {
    const r = await gql(E.PLATFORM_TOKEN, RECORD_ORDERS, { inputs: batch });
    replayDuplicates += r.body?.data?.recordOrders?.duplicates ?? 0;
  }
  check('1 every acknowledged order replayed is a duplicate', replayDuplicates === acked.size, `${replayDuplicates} of ${acked.size}`);

  // (3) live stats: never decreasing; at least every order acknowledged before the read, except during a fault
  // and up to 5 s after it; equal to SQL at the end.
  let decreases = [];
  for (let i = 1; i < reads.length; i++) if (reads[i].s < reads[i - 1].s) decreases.push(`${reads[i - 1].s} → ${reads[i].s} at ${(reads[i].t / 1000).toFixed(1)}s`);
  const excused = (t) => phases.some((p) => t >= p.start && t <= p.end + EXACT_WITHIN_MS);
  const short = reads.filter((r) => r.s < r.acked && !excused(r.t));
  const sqlCount = Number(psqlDb(`SELECT count(*) FROM sales_order WHERE session_id = ${ids.session}`));
  const last = await gql(E.ADMIN_TOKEN, STATS, { id: ids.session });
  const finalStats = last.body?.data?.session?.stats?.orderCount;
  check('3 live orderCount never decreases between successive reads', decreases.length === 0,
    `${reads.length} reads; ${decreases.length} decreases${decreases.length ? ': ' + decreases.slice(0, 3).join(', ') : ''}`);
  check('3 live orderCount ≥ orders acknowledged before the read, within 5 s of each fault ending', short.length === 0,
    `${short.length} short reads${short.length ? ', worst ' + Math.max(...short.map((r) => r.acked - r.s)) + ' orders short at ' + (short[0].t / 1000).toFixed(1) + 's' : ''}`);
  check('3 live orderCount = SQL at the end', finalStats === sqlCount, `${finalStats} live, ${sqlCount} in SQL`);

  // (4) no request hangs; failures carry a code a platform can act on.
  const slow = requests.filter((r) => r.ms > HANG_MS);
  const outcomes = {};
  requests.forEach((r) => { outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1; });
  const inRestart = (t) => phases.some((p) => (p.name === 'service-kill' || p.name === 'sigterm') && t >= p.start && t <= p.end + 1000);
  const unclear = requests.filter((r) => r.outcome !== 'ok' && !/^503 unavailable retryable retry-after$/.test(r.outcome)
    && !(inRestart(r.t) && (r.outcome === 'network' || /^503/.test(r.outcome))));
  check('4 no request hangs (all answered within 15 s)', slow.length === 0,
    `${requests.length} requests, slowest ${Math.max(...requests.map((r) => r.ms))} ms`);
  const unclearOutcomes = {};
  unclear.forEach((r) => { unclearOutcomes[r.outcome] = (unclearOutcomes[r.outcome] ?? 0) + 1; });
  check('4 every failed write answered 503 unavailable, retryable, with Retry-After', unclear.length === 0,
    `${unclear.length} others: ${JSON.stringify(unclearOutcomes)}`);

  // (5) readiness: DOWN while the database is cut, UP again after; UP (degraded) through Redis faults; DOWN on
  // SIGTERM before the exit, which comes within the configured bound.
  for (const p of phases) {
    const during = readiness.filter((r) => r.t >= p.start && r.t <= p.end);
    const after = readiness.filter((r) => r.t > p.end + EXACT_WITHIN_MS);
    if (p.name === 'db-cut') {
      check('5 readiness DOWN while the database is cut, UP after', during.some((r) => r.up === false) && after.some((r) => r.up === true),
        `${during.filter((r) => r.up === false).length} of ${during.length} polls DOWN`);
    } else if (p.name.startsWith('redis')) {
      check(`5 readiness UP through ${p.name}`, during.every((r) => r.up !== false), `${during.filter((r) => r.up === false).length} DOWN polls`);
    } else if (p.name === 'sigterm') {
      check('5 SIGTERM: readiness DOWN before exit, exit within 20 s', p.downBeforeExit && p.exitMs !== null && p.exitMs <= 20000,
        `exit after ${p.exitMs} ms, DOWN seen: ${p.downBeforeExit}`);
    }
  }

  // Per fault: orders acknowledged meanwhile, time until the live figures were exact again.
  const table = phases.map((p) => {
    const afterEnd = reads.filter((r) => r.t > p.end && r.t < p.end + RECOVER_MS);
    const lastShort = afterEnd.filter((r) => r.s < r.acked).pop();
    const worst = Math.max(0, ...reads.filter((r) => r.t >= p.start && r.t < p.end + RECOVER_MS).map((r) => r.acked - r.s));
    const reqs = requests.filter((r) => r.t >= p.start && r.t <= p.end);
    return `| ${p.name} | ${((p.end - p.start) / 1000).toFixed(1)} s | ${reqs.length} | ${worst} | ${lastShort ? ((lastShort.t - p.end) / 1000).toFixed(1) + ' s' : 'at once'} |`;
  });
  const ok = results.every((r) => r.ok);
  const totalOrders = acked.size;
  const seconds = (now() / 1000).toFixed(0);
  console.log([
    `### chaos run ${E.RUN_ID} (${SHORT ? 'short' : 'full'} profile, ${CLIENTS} clients, jar ${E.JAR_LABEL ?? E.JAR}): ${ok ? 'PASS' : 'FAIL'}`,
    '',
    `${totalOrders} orders acknowledged in ${seconds} s; ${requests.length} write requests; ${reads.length} stats reads.`,
    '',
    '| property | result | detail |', '|---|---|---|',
    ...results.map((r) => `| ${r.property} | ${r.ok ? 'pass' : '**FAIL**'} | ${r.detail} |`),
    '',
    '| fault | length | write requests meanwhile | worst shortfall (orders acknowledged, not in the live figures) | short again after it ended, last |',
    '|---|---|---|---|---|',
    ...table,
    '',
    `outcomes: ${JSON.stringify(outcomes)}`,
  ].join('\n'));
  return ok;
}

main().then((ok) => {
  try { server?.kill('SIGKILL'); } catch { /* gone */ }
  try { redis?.kill('SIGCONT'); redis?.kill('SIGKILL'); } catch { /* gone */ }
  process.exit(ok ? 0 : 1);
}, (e) => {
  console.error(e);
  try { server?.kill('SIGKILL'); } catch { /* gone */ }
  try { redis?.kill('SIGCONT'); redis?.kill('SIGKILL'); } catch { /* gone */ }
  process.exit(2);
});
