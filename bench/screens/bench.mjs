// The big screens' benchmark (bench/screens/run.sh says what it measures and how to run it).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE = env('BASE_URL');
const require = createRequire(new URL('../../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { createClient } = await import(pathToFileURL(env('GRAPHQL_WS')).href);
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
  sessions.push({ id, token: mintAs(`bench-host-${host}`, 'host', `streamer_id=${host}`), count: 0 });
}

let sequence = 0;
const order = (session) => ({ platform: 'kuaishou', externalId: `b-${sequence++}`, channel: 'LIVESTREAM', sessionId: session.id,
  productId: product, quantity: 1, unitPrice: '118.00', buyerRef: `u-${sequence % 5000}`, buyerProvince: '370000', placedAt: new Date().toISOString() });
async function record(list) {
  const { recordOrders } = await gql(platform, `mutation($o: [OrderInput!]!) { recordOrders(inputs: $o) { accepted rejected { reason } } }`, { o: list });
  if (recordOrders.accepted !== list.length) throw new Error(`rejected: ${JSON.stringify(recordOrders.rejected[0])}`);
}

const browser = PARTS.includes('latency') || PARTS.includes('load') ? await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
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
const STATS = 'fragment Stats on LiveStats { gmv netGmv refunds orderCount itemsSold averageOrderValue conversionRate gpm currentViewers peakViewers uniqueViewers views likes updatedAt byProduct { product { id } orderCount itemsSold gmv } }';
const LIVE = `subscription Live($id: ID!) { liveStats(sessionId: $id) { ...Stats } } ${STATS}`;
const REFRESH = `query Refresh($id: ID!, $timeline: Boolean!) { session(id: $id) { orders(first: 12) { edges { node { id quantity amount placedAt priceAlert status product { id name } } } }
  timeline(granularity: MINUTE) @include(if: $timeline) { start gmv orderCount } } }`;

function cpuSeconds(pid) {
  const fields = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One screen: the socket and its subscription, the refetches (full mode), and the targets it must meet. */
function screen(session, full, stats) {
  const s = { pending: [], lastCount: -1, feedDue: 0, trendDue: Date.now() + TREND_MS, timer: null };
  const refetch = async () => {
    s.timer = null;
    const trend = Date.now() >= s.trendDue;
    s.feedDue = Date.now() + FEED_MS;
    if (trend) s.trendDue = Date.now() + TREND_MS;
    const t = Date.now();
    try {
      if (REFETCH === 'http') {
        await gql(session.token, REFRESH, { id: session.id, timeline: trend });
      } else {
        await new Promise((resolve, reject) => {
          let failed = null;
          s.client.subscribe({ query: REFRESH, variables: { id: session.id, timeline: trend } }, {
            next: (result) => { if (result.errors?.length) failed = new Error(JSON.stringify(result.errors).slice(0, 400)); },
            complete: () => (failed ? reject(failed) : resolve()),
            error: reject,
          });
        });
      }
      stats.refetches.push(Date.now() - t);
    } catch {
      stats.refetchErrors += 1;
    }
  };
  s.client = createClient({ url: `${BASE.replace('http', 'ws')}/graphql`, lazy: false, retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${session.token}` }, onNonLazyError: () => { stats.socketErrors += 1; } });
  s.ready = new Promise((resolve) => {
    s.client.subscribe({ query: LIVE, variables: { id: session.id } }, {
      next: ({ data }) => {
        const now = Date.now();
        stats.events += 1;
        const count = data.liveStats.orderCount;
        if (s.lastCount < 0) resolve();
        if (full && s.lastCount >= 0 && count !== s.lastCount && !s.timer) s.timer = setTimeout(refetch, Math.max(0, s.feedDue - now));
        s.lastCount = count;
        while (s.pending.length && s.pending[0][0] <= count) stats.lateness.push(now - s.pending.shift()[1]);
      },
      error: () => { stats.socketErrors += 1; resolve(); },
      complete: () => {},
    });
  });
  return s;
}

if (PARTS.includes('capacity')) out.push(`### 3. Screens one instance serves (graphql-ws clients doing what a host screen does; ${SESSIONS} live sessions; orders at ${ORDER_RATE}/s in batches of 100; refetches ${REFETCH === 'http' ? 'by POST /graphql' : 'over the socket'})`, '',
  '| mode | screens | orders/s acknowledged | updates received/s | lateness p50 | p99 | max | ≤ 1 s | not seen | refetches/s (p99) | service CPU | generator loop delay p99 |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|');
// A first step of WARMUP figure screens for WARMUP_S s, not reported: the JVM's compilers warm the subscription
// and ingest paths (the first step after start-up was 1.5-2 times as late as the same step later).
const WARMUP = Number(env('WARMUP', 1000));
// FULL_SCREENS: the steps of mode full, when they differ from SCREENS
const FULL_SCREENS = env('FULL_SCREENS', '').trim() ? env('FULL_SCREENS').trim().split(/\s+/).map(Number) : SCREENS;
const steps = (PARTS.includes('capacity') ? MODES : []).flatMap((mode) => (mode === 'full' ? FULL_SCREENS : SCREENS)
  .filter((n) => n > 0 || mode === MODES[0]).map((n) => [mode, n]));
if (steps.length && WARMUP > 0) steps.unshift(['figures', WARMUP, 'warm-up']);
for (const [mode, n, warmUp] of steps) {
  log(`capacity: ${n} screens, ${mode}${warmUp ? ' (warm-up, not reported)' : ''}`);
  const stats = { events: 0, lateness: [], refetches: [], refetchErrors: 0, socketErrors: 0 };
  const clients = [];
  const bySession = new Map(sessions.map((s) => [s.id, []]));
  for (let i = 0; i < n; i++) {
    const session = sessions[i % SESSIONS];
    const c = screen(session, mode === 'full', stats);
    clients.push(c);
    bySession.get(session.id).push(c);
    if (i % 100 === 99) await sleep(50);
  }
  await Promise.race([Promise.all(clients.map((c) => c.ready)), sleep(60_000)]);
  await sleep(1000);
  stats.events = 0;
  stats.refetches = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
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
      for (const [id, count] of counts) for (const c of bySession.get(id)) c.pending.push([count, at]);
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
  const missed = clients.reduce((sum, c) => sum + c.pending.length, 0);
  const lateness = stats.lateness.sort((a, b) => a - b);
  const within = lateness.filter((l) => l <= 1000).length / Math.max(1, lateness.length + missed);
  const refetches = stats.refetches.sort((a, b) => a - b);
  if (!warmUp) out.push(`| ${mode} | ${n} | ${(acked / elapsed).toFixed(0)} | ${(stats.events / (elapsed + 3)).toFixed(0)} | ${ms(pct(lateness, 50))} | ${ms(pct(lateness, 99))} | ${ms(lateness.at(-1))} | ${n ? `${(within * 100).toFixed(1)}%` : '—'} | ${missed} | ${mode === 'full' ? `${(refetches.length / (elapsed + 3)).toFixed(0)} (${ms(pct(refetches, 99))})` : '—'}${stats.refetchErrors ? `, ${stats.refetchErrors} failed` : ''} | ${((cpu / elapsed) * 100).toFixed(0)}% of a core | ${ms(loop.percentile(99) / 1e6)} |`);
  for (const c of clients) {
    clearTimeout(c.timer);
    await c.client.dispose();
  }
  if (stats.socketErrors && !warmUp) out.push(`|  | (${stats.socketErrors} socket errors) |||||||||||`);
  await sleep(2000);
}
console.log(out.join('\n'));
process.exit(0);
