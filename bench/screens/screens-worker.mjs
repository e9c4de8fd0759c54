// One process of the big screens' load generator (bench/screens/bench.mjs forks GEN_PROCS of them): it holds its
// share of a step's screens (graphql-ws clients doing what a host screen does) and measures, for each order the
// parent acknowledged, when each of its screens received an order count that includes it.
// Clock: the parent stamps each acknowledgement with Date.now() and this process stamps each update it receives
// with Date.now(); both read the one system clock of this machine (CLOCK_REALTIME), so the two are comparable to the
// millisecond. An update received before the parent's acknowledgement reached this process is counted at its own
// time (lateness 0 when it came before the acknowledgement itself).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE = env('BASE_URL');
const { createClient } = await import(pathToFileURL(env('GRAPHQL_WS')).href);
const FEED_MS = Number(env('FEED_MS', 5000));
const TREND_MS = Number(env('TREND_MS', 30_000));
const REFETCH = env('REFETCH', 'ws');
const STATS = 'fragment Stats on LiveStats { gmv netGmv refunds orderCount itemsSold averageOrderValue conversionRate gpm currentViewers peakViewers uniqueViewers views likes updatedAt byProduct { product { id } orderCount itemsSold gmv } }';
const LIVE = `subscription Live($id: ID!) { liveStats(sessionId: $id) { ...Stats } } ${STATS}`;
const REFRESH = `query Refresh($id: ID!, $timeline: Boolean!) { session(id: $id) { orders(first: 12) { edges { node { id quantity amount placedAt priceAlert status product { id name } } } }
  timeline(granularity: MINUTE) @include(if: $timeline) { start gmv orderCount } } }`;
/** Updates a screen remembers, to time an acknowledgement that reaches this process after its figure did. */
const HISTORY = 16;

async function gql(token, query, variables = {}) {
  const r = await fetch(`${BASE}/graphql`, { method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
  return body.data;
}

let stats = null;
let clients = [];
const bySession = new Map();
const loop = monitorEventLoopDelay({ resolution: 10 });

/** The time this screen first received a count ≥ n, if it has. */
function seenAt(s, n) {
  if (s.lastCount < n) return null;
  for (const [count, at] of s.history) if (count >= n) return at;
  return s.history.length ? s.history[0][1] : null;
}

/** One screen: the socket and its subscription, the refetches (full mode), and the targets it must meet. */
function screen(session, full) {
  const s = { pending: [], lastCount: -1, history: [], feedDue: 0, trendDue: Date.now() + TREND_MS, timer: null };
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
    } catch (e) {
      stats.refetchErrors += 1;
      const what = String(e?.message ?? e?.reason ?? e).slice(0, 300);
      stats.refetchFailures.set(what, (stats.refetchFailures.get(what) ?? 0) + 1);
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
        if (count > s.lastCount) {
          s.history.push([count, now]);
          if (s.history.length > HISTORY) s.history.shift();
        }
        s.lastCount = count;
        while (s.pending.length && s.pending[0][0] <= count) stats.lateness.push(now - s.pending.shift()[1]);
      },
      error: () => { stats.socketErrors += 1; resolve(); },
      complete: () => {},
    });
  });
  return s;
}

const handlers = {
  async open({ screens, full }) {
    stats = { events: 0, lateness: [], early: 0, refetches: [], refetchErrors: 0, refetchFailures: new Map(), socketErrors: 0 };
    for (let i = 0; i < screens.length; i++) {
      const c = screen(screens[i], full);
      clients.push(c);
      if (!bySession.has(screens[i].id)) bySession.set(screens[i].id, []);
      bySession.get(screens[i].id).push(c);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.race([Promise.all(clients.map((c) => c.ready)), new Promise((r) => setTimeout(r, 60_000))]);
    return { opened: clients.length };
  },
  measure() {
    stats.events = 0;
    stats.refetches = [];
    loop.reset();
    loop.enable();
    stats.cpu0 = process.cpuUsage();
    return {};
  },
  ack({ at, counts }) {
    for (const [id, count] of counts) {
      for (const c of bySession.get(id) ?? []) {
        const seen = seenAt(c, count);
        if (seen === null) {
          c.pending.push([count, at]);
        } else {
          stats.lateness.push(Math.max(0, seen - at));
          stats.early += 1;
        }
      }
    }
  },
  finish() {
    loop.disable();
    const cpu = process.cpuUsage(stats.cpu0);
    return { events: stats.events, lateness: stats.lateness, early: stats.early, refetches: stats.refetches,
      refetchErrors: stats.refetchErrors, refetchFailures: [...stats.refetchFailures], socketErrors: stats.socketErrors,
      missed: clients.reduce((sum, c) => sum + c.pending.length, 0),
      loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  },
  async close() {
    for (const c of clients) {
      clearTimeout(c.timer);
      await c.client.dispose();
    }
    clients = [];
    bySession.clear();
    return {};
  },
};

process.on('message', async ({ id, cmd, ...args }) => {
  const result = await handlers[cmd](args);
  if (id !== undefined) process.send({ id, ...result });
});
process.send({ id: 'started' });
