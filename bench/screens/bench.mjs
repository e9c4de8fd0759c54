// The big screens' benchmark (bench/screens/run.sh says what it measures and how to run it).
import { execFileSync, fork } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE = env('BASE_URL');
const SESSIONS = Number(env('SESSIONS', 200));
const SCREENS = env('SCREENS', '0 500 1000 2000 3000').split(/\s+/).map(Number);
const MODES = env('MODES', 'full figures').split(/\s+/);
const ORDER_RATE = Number(env('ORDER_RATE', 1000));
const MEASURE = Number(env('MEASURE', 30));
const ORDERS_LATENCY = Number(env('ORDERS_LATENCY', 250));
const RATE_LATENCY = Number(env('RATE_LATENCY', 50));
const LOADS = Number(env('LOADS', 5));
// which parts to run (all by default): latency load capacity
const PARTS = env('PARTS', 'latency load capacity').split(/\s+/);
// as host.js refetches the latest orders and the minute chart while orders change
const FEED_MS = Number(env('FEED_MS', 5000));
const TREND_MS = Number(env('TREND_MS', 30_000));
// how the screen refetches them: over its socket (ws, as host.js does since the refetches are shared) or by POST
// /graphql (http, as host.js did before; BASELINE_REFETCH in run.sh, for main's build)
const REFETCH = env('REFETCH', 'ws');
const log = (...a) => console.error('==', new Date().toISOString().slice(11, 19), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mint = (...claims) => execFileSync(env('MINT_TOKEN'), [env('JWT_PRIVATE_KEY'), ...claims], { encoding: 'utf8' }).trim();
// each host a person of their own (their own subject): the service's per-caller limits (the subscription cap, the
// request budget) count per subject, and 200 hosts are not one caller
const mintAs = (subject, ...claims) => execFileSync(env('MINT_TOKEN'), [env('JWT_PRIVATE_KEY'), ...claims],
  { encoding: 'utf8', env: { ...process.env, SUBJECT: subject } }).trim();

// SUBJECTS: who holds the screens of a session. screen (default): each screen a person of its own (the host and the
// people watching the session with the host's scope: a token each, the same streamer_id, its own subject), so the
// per-caller limits (the subscription cap of 20, the read budget, requests at once) meet what one person does.
// host: every screen of a session holds the one host's token (10-12 screens per person at 2,000-2,500 screens,
// over the per-caller limits: their refetches are refused). Screens of one scope share executions either way.
const SUBJECTS = env('SUBJECTS', 'screen');
const privateKey = createPrivateKey(readFileSync(env('JWT_PRIVATE_KEY')));
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A token as bin/mint-token makes it (RS256, the same claims), signed here: thousands of them in a second. */
function signToken(subject, role, claims) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: 'livetally', sub: subject, upn: subject, groups: [role],
    iat: now, exp: now + 3600, ...claims })}`;
  return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
}

async function gql(token, query, variables = {}) {
  const r = await fetch(`${BASE}/graphql`, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
  return body.data;
}
const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '—');

// ---------------------------------------------------------------- data: SESSIONS live sessions of their own hosts
const admin = mint('admin');
const platform = mint('platform', 'platform=kuaishou');
log(`making ${SESSIONS} live sessions`);
const supplier = (await gql(admin, 'mutation { registerSupplier(input: {name: "bench", regionCode: "500238", householdsBenefited: 1}) { id } }')).registerSupplier.id;
await gql(admin, 'mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
const product = (await gql(admin, `mutation($s: ID!) { registerProduct(input: {name: "巫姑腊肉", category: "肉制品",
  originRegionCode: "500238", supplierId: $s, unitPrice: "118.00", referencePrice: "105.00"}) { id } }`, { s: supplier })).registerProduct.id;
const sessions = [];
for (let i = 0; i < SESSIONS; i++) {
  const host = (await gql(admin, `mutation($h: String!) { registerStreamer(input: {handle: $h, displayName: "主播", kind: FARMER,
    platform: "kuaishou", homeRegionCode: "500238"}) { id } }`, { h: `bench-${i}` })).registerStreamer.id;
  const id = (await gql(admin, `mutation($h: ID!, $p: ID!, $at: DateTime!) { scheduleSession(input: {title: "直播间", streamerId: $h,
    regionCode: "500238", scheduledStart: $at, productIds: [$p]}) { id } }`, { h: host, p: product, at: new Date(Date.now() + 3600e3).toISOString() })).scheduleSession.id;
  await gql(admin, 'mutation($id: ID!) { startSession(id: $id) { id } }', { id });
  sessions.push({ id, host, token: mintAs(`bench-host-${host}`, 'host', `streamer_id=${host}`), count: 0, viewers: [] });
}

let sequence = 0;
const order = (session) => ({ platform: 'kuaishou', externalId: `b-${sequence++}`, channel: 'LIVESTREAM', sessionId: session.id,
  productId: product, quantity: 1, unitPrice: '118.00', buyerRef: `u-${sequence % 5000}`, buyerProvince: '370000', placedAt: new Date().toISOString() });
async function record(list) {
  const { recordOrders } = await gql(platform, `mutation($o: [OrderInput!]!) { recordOrders(inputs: $o) { accepted rejected { reason } } }`, { o: list });
  if (recordOrders.accepted !== list.length) throw new Error(`rejected: ${JSON.stringify(recordOrders.rejected[0])}`);
}

// Chromium only for the page parts (the capacity part needs no e2e/node_modules)
const chromium = PARTS.includes('latency') || PARTS.includes('load')
  ? createRequire(new URL('../../e2e/package.json', import.meta.url))('playwright-core').chromium : null;
const browser = chromium ? await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] }) : null;
/** A page whose tab holds the token (as the sign-in page leaves it) before anything loads: nothing cached by a visit. */
async function signedInPage(context, token) {
  const page = await context.newPage();
  await page.addInitScript((t) => sessionStorage.setItem('livetally.token', t), token);
  return page;
}

// ---------------------------------------------------------------- 1. ack → figure on the page, one screen
const out = [];
if (PARTS.includes('latency')) {
  const session = sessions[0];
  await record([order(session)]);
  session.count += 1;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await signedInPage(context, session.token);
  await page.goto(`${BASE}/screen/session/${session.id}`);
  await page.waitForFunction(() => document.querySelector('#conn')?.dataset.state === 'live');
  await page.waitForFunction((n) => document.querySelector('[data-figure=orderCount]')?.textContent === String(n), session.count);
  await page.evaluate(() => {
    window.__seen = [];
    const el = document.querySelector('[data-figure=orderCount]');
    new MutationObserver(() => window.__seen.push([Date.now(), Number(el.textContent.replace(/,/g, ''))]))
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
  log(`latency: ${ORDERS_LATENCY} orders at ${RATE_LATENCY}/s, one screen`);
  const acks = [];
  const start = Date.now();
  for (let i = 0; i < ORDERS_LATENCY; i++) {
    const due = start + (i * 1000) / RATE_LATENCY;
    if (due > Date.now()) await sleep(due - Date.now());
    await record([order(session)]);
    session.count += 1;
    acks.push([Date.now(), session.count]);
  }
  const sent = (Date.now() - start) / 1000;
  await sleep(2500);
  const seen = await page.evaluate(() => window.__seen);
  const lags = acks.map(([at, n]) => {
    const shown = seen.find(([, count]) => count >= n);
    return shown ? Math.max(0, shown[0] - at) : Infinity;
  }).sort((a, b) => a - b);
  out.push(`### 1. Acknowledgement → figure on the page (one host screen in Chromium, ${ORDERS_LATENCY} orders at ${(ORDERS_LATENCY / sent).toFixed(1)} orders/s)`,
    '', '| p50 | p90 | p99 | max | never shown | page updates |', '|---|---|---|---|---|---|',
    `| ${ms(pct(lags, 50))} | ${ms(pct(lags, 90))} | ${ms(pct(lags, 99))} | ${ms(lags.at(-1))} | ${lags.filter((l) => !Number.isFinite(l)).length} | ${seen.length} |`, '');
  await context.close();
}

// ---------------------------------------------------------------- 2. first load
if (PARTS.includes('load')) {
  const rows = [];
  const screens = [
    ['host screen', sessions[1].token, `/screen/session/${sessions[1].id}`, 'host'],
    ['official screen (municipal map)', admin, '/screen/region/500000?period=today', 'region'],
  ];
  const measure = async (context, token, path, ready) => {
    const page = await signedInPage(context, token);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests += 1; });
    await page.goto(`${BASE}${path}`);
    // a function, not a string: the page's CSP refuses eval
    const handle = await page.waitForFunction((kind) => (kind === 'host'
      ? document.querySelector('[data-figure=gmv]')?.textContent.includes('¥')
      : (document.querySelector('[data-figure=netGmv]')?.textContent ?? '—') !== '—' && !!document.querySelector('#map canvas'))
      && performance.now(), ready, { polling: 'raf', timeout: 20_000 });
    const at = await handle.jsonValue();
    await sleep(500);
    await page.close();
    return { at, bytes, requests };
  };
  for (const [name, token, path, ready] of screens) {
    log(`first load: ${name}`);
    const cold = [];
    let context;
    for (let i = 0; i < LOADS; i++) {
      await context?.close();
      context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      cold.push(await measure(context, token, path, ready));
    }
    rows.push([name, cold, await measure(context, token, path, ready)]);
    await context.close();
  }
  out.push('### 2. First load (loopback; time from navigation start to the first figures; bytes as transferred, gzip where asked)', '',
    `| screen | cold: first figures (median of ${LOADS}, min–max) | cold: bytes (requests) | with the browser's cache: first figures | bytes (requests) |`, '|---|---|---|---|---|');
  for (const [name, cold, warmSample] of rows) {
    const times = cold.map((c) => c.at).sort((a, b) => a - b);
    out.push(`| ${name} | ${ms(pct(times, 50))} (${ms(times[0])}–${ms(times.at(-1))}) | ${(cold[0].bytes / 1024).toFixed(0)} KiB (${cold[0].requests}) | ${ms(warmSample.at)} | ${(warmSample.bytes / 1024).toFixed(0)} KiB (${warmSample.requests}) |`);
  }
  out.push('');
}
await browser?.close();

// ---------------------------------------------------------------- 3. capacity
function cpuSeconds(pid) {
  const fields = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// The screens are held by GEN_PROCS processes of their own (screens-worker.mjs), this one sending the orders: one
// node process for 2,000 sockets was the bound before (its event loop 80 ms late at p99). Each process reports its
// event-loop delay; the table shows the worst of them and of this one.
const GEN_PROCS = Number(env('GEN_PROCS', 4));
const workers = [];
let nextRequest = 0;
const waiting = new Map();
function ask(worker, cmd, args = {}) {
  const id = nextRequest++;
  return new Promise((resolve) => { waiting.set(id, resolve); worker.send({ id, cmd, ...args }); });
}
if (PARTS.includes('capacity')) {
  for (let i = 0; i < GEN_PROCS; i++) {
    const worker = fork(new URL('./screens-worker.mjs', import.meta.url), [], {
      execArgv: ['--experimental-websocket', '--max-old-space-size=2048'], env: { ...process.env, FEED_MS, TREND_MS, REFETCH } });
    await new Promise((resolve) => worker.once('message', resolve));
    worker.on('message', ({ id, ...result }) => { waiting.get(id)?.(result); waiting.delete(id); });
    workers.push(worker);
  }
}

if (PARTS.includes('capacity')) out.push(`### 3. Screens one instance serves (graphql-ws clients doing what a host screen does, held by ${GEN_PROCS} node processes; ${SESSIONS} live sessions; ${SUBJECTS === 'screen' ? 'a person (token subject) per screen' : "a session's screens all with its host's token"}; orders at ${ORDER_RATE}/s in batches of 100; refetches ${REFETCH === 'http' ? 'by POST /graphql' : 'over the socket'})`, '',
  '| mode | screens | orders/s acknowledged | updates received/s | lateness p50 | p99 | max | ≤ 1 s | not seen | refetches/s (p99) | service CPU | generator: loop delay p99 (worst process; max) | generator CPU |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
// A first step of WARMUP screens for WARMUP_S s, not reported, in the mode of the first step measured (WARMUP_MODE):
// the JVM's compilers warm the paths that step uses (a figures-only warm-up leaves the refetch path to the first full
// step; the first step after start-up was 1.5-2 times as late as the same step later). It did not remove the first
// measured step's extra cost (docs/PERFORMANCE.md, big screens, section 5).
const WARMUP = Number(env('WARMUP', 1000));
// FULL_SCREENS: the steps of mode full, when they differ from SCREENS
const FULL_SCREENS = env('FULL_SCREENS', '').trim() ? env('FULL_SCREENS').trim().split(/\s+/).map(Number) : SCREENS;
const steps = (PARTS.includes('capacity') ? MODES : []).flatMap((mode) => (mode === 'full' ? FULL_SCREENS : SCREENS)
  .filter((n) => n > 0 || mode === MODES[0]).map((n) => [mode, n]));
if (steps.length && WARMUP > 0) steps.unshift([env('WARMUP_MODE', steps[0][0]), WARMUP, 'warm-up']);
for (const [mode, n, warmUp] of steps) {
  log(`capacity: ${n} screens, ${mode}${warmUp ? ' (warm-up, not reported)' : ''}`);
  const shares = workers.map(() => []);
  for (let i = 0; i < n; i++) {
    const session = sessions[i % SESSIONS];
    const k = Math.floor(i / SESSIONS);
    let token = session.token;
    if (SUBJECTS === 'screen' && k > 0) {
      session.viewers[k] ??= signToken(`bench-host-${session.host}-screen-${k}`, 'host', { streamer_id: String(session.host) });
      token = session.viewers[k];
    }
    shares[i % workers.length].push({ id: session.id, token });
  }
  await Promise.all(workers.map((w, i) => ask(w, 'open', { screens: shares[i], full: mode === 'full' })));
  await sleep(1000);
  await Promise.all(workers.map((w) => ask(w, 'measure')));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const self0 = process.cpuUsage();
  const cpu0 = cpuSeconds(env('SERVER_PID'));
  const begin = Date.now();
  const measure = warmUp ? Number(env('WARMUP_S', 20)) : MEASURE;
  let acked = 0;
  let next = 0;
  const inflight = new Set();
  while (Date.now() - begin < measure * 1000) {
    const batch = [];
    for (let k = 0; k < 100; k++) batch.push(sessions[(next++) % SESSIONS]);
    const p = record(batch.map(order)).then(() => {
      const at = Date.now();
      const counts = new Map();
      for (const s of batch) counts.set(s.id, (s.count += 1));
      for (const w of workers) w.send({ cmd: 'ack', at, counts: [...counts] });
      acked += batch.length;
    });
    inflight.add(p);
    p.finally(() => inflight.delete(p));
    await sleep(Math.max(0, begin + (next * 1000) / ORDER_RATE - Date.now()));
  }
  await Promise.all(inflight);
  const elapsed = (Date.now() - begin) / 1000;
  const cpu = cpuSeconds(env('SERVER_PID')) - cpu0;
  await sleep(3000);
  loop.disable();
  const self = process.cpuUsage(self0);
  const parts = await Promise.all(workers.map((w) => ask(w, 'finish')));
  const missed = parts.reduce((sum, p) => sum + p.missed, 0);
  const events = parts.reduce((sum, p) => sum + p.events, 0);
  const socketErrors = parts.reduce((sum, p) => sum + p.socketErrors, 0);
  const refetchErrors = parts.reduce((sum, p) => sum + p.refetchErrors, 0);
  const lateness = parts.flatMap((p) => p.lateness).sort((a, b) => a - b);
  const within = lateness.filter((l) => l <= 1000).length / Math.max(1, lateness.length + missed);
  const refetches = parts.flatMap((p) => p.refetches).sort((a, b) => a - b);
  const loopP99 = Math.max(loop.percentile(99) / 1e6, ...parts.map((p) => p.loopP99));
  const loopMax = Math.max(loop.max / 1e6, ...parts.map((p) => p.loopMax));
  const generatorCpu = parts.reduce((sum, p) => sum + p.cpuSeconds, (self.user + self.system) / 1e6);
  log(`step done: early (figure before the acknowledgement reached its process) ${parts.reduce((sum, p) => sum + p.early, 0)}, loop p99 per process ${parts.map((p) => Math.round(p.loopP99)).join(' ')} (sender ${Math.round(loop.percentile(99) / 1e6)})`);
  const failures = new Map();
  for (const p of parts) for (const [what, count] of p.refetchFailures) failures.set(what, (failures.get(what) ?? 0) + count);
  for (const [what, count] of failures) log(`refetch failed ${count}×: ${what}`);
  if (!warmUp) out.push(`| ${mode} | ${n} | ${(acked / elapsed).toFixed(0)} | ${(events / (elapsed + 3)).toFixed(0)} | ${ms(pct(lateness, 50))} | ${ms(pct(lateness, 99))} | ${ms(lateness.at(-1))} | ${n ? `${(within * 100).toFixed(1)}%` : '—'} | ${missed} | ${mode === 'full' ? `${(refetches.length / (elapsed + 3)).toFixed(0)} (${ms(pct(refetches, 99))})` : '—'}${refetchErrors ? `, ${refetchErrors} failed` : ''} | ${((cpu / elapsed) * 100).toFixed(0)}% of a core | ${ms(loopP99)} (${ms(loopMax)}) | ${((generatorCpu / (elapsed + 3)) * 100).toFixed(0)}% of a core |`);
  await Promise.all(workers.map((w) => ask(w, 'close')));
  if (socketErrors && !warmUp) out.push(`|  | (${socketErrors} socket errors) ||||||||||||`);
  await sleep(2000);
}
for (const w of workers) w.kill();
console.log(out.join('\n'));
process.exit(0);
