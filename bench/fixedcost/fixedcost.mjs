// Issue 17 driver: what every request pays. PART=typename: `{ __typename }` with a token at 32 connections;
// PART=totals: a small region totals (one district, one day) one request at a time; PART=coldstart: a fresh jar (Redis
// flushed) read at once by 32 connections on the 120k-order LIVE session, whose counters must first be rebuilt.
// Invoked by run.sh; prints markdown rows on stdout.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import http from 'node:http';

const env = process.env;
const API = env.API_URL;
const SECONDS = Number(env.DURATION || 15);
const LABEL = env.LABEL;
const mint = (role, ...claims) => execFileSync(env.MINT_TOKEN, [env.JWT_PRIVATE_KEY, role, ...claims]).toString().trim();
const body = (query, variables = {}) => JSON.stringify({ query, variables });
const failures = [];

async function cannon(label, opts, bearer) {
  const res = await new Promise((resolve, reject) => {
    const instance = autocannon({ method: 'POST', verifyBody: (b) => !b.includes('"errors"'), ...opts,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } },
      (err, r) => err ? reject(err) : resolve(r));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
  if (res.non2xx + res.mismatches + res.errors > 0) failures.push(`${label}: ${res.non2xx} non-2xx, ${res.mismatches} errors`);
  return res;
}
// One request at a time for `seconds`, each timed with hrtime: autocannon's histogram keeps whole milliseconds, so
// below ~2 ms its p50 and mean are meaningless (it reported "mean 0.21 ms" at 1,012 req/s on one connection).
async function sequential(label, seconds, payload, bearer) {
  const url = new URL(API);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = () => new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } }, (response) => {
      let text = '';
      response.on('data', (d) => { text += d; });
      response.on('end', () => resolve(response.statusCode === 200 && !text.includes('"errors"')));
    });
    request.on('error', reject);
    request.end(payload);
  });
  const times = [];
  let failed = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const start = process.hrtime.bigint();
    if (!(await post())) failed++;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  agent.destroy();
  if (failed) failures.push(`${label}: ${failed} answers not 200 or with errors`);
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
  return { count: times.length, mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(0.5), p99: at(0.99) };
}
const describe = (r) => `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, mean ${r.latency.average.toFixed(2)} ms`;

const metric = async (name) => { // a Prometheus counter summed over its labels
  const text = await (await fetch(env.METRICS_URL)).text();
  const lines = text.split('\n').filter((l) => l.startsWith(name + '{') || l.startsWith(name + ' '));
  return lines.length ? lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0) : NaN; // NaN: not served
};
if (env.PART === 'coldstart') {
  const psql = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', env.DB_NAME, '-tAqc', sql]).toString().trim();
  const [session, host, orders] = psql(`SELECT ls.id || ',' || ls.streamer_id || ',' || (SELECT count(*) FROM sales_order o
    WHERE o.session_id = ls.id) FROM live_session ls WHERE ls.title = 'bench-live-read'`).split(',');
  const STATS = `query($id: ID!) { session(id: $id) { stats { sessionId currentViewers peakViewers uniqueViewers views likes
    orderCount itemsSold gmv refunds netGmv conversionRate gpm averageOrderValue
    byProduct { product { id name } orderCount itemsSold gmv } updatedAt } } }`;
  const SECONDS_COLD = Number(env.COLD_SECONDS || 60);
  const counters = async () => ({ redis: await metric('livetally_stats_served_total{source="redis"}'),
    pg: await metric('livetally_stats_served_total{source="postgresql"}'), aggregates: await metric('livetally_stats_aggregates_total'),
    opened: await metric('ft_circuitbreaker_opened_total') });
  const start = await counters();
  let previous = start; let answered = 0; let failed = 0; let fromRedisAt = null; const perSecond = [];
  const instance = autocannon({ url: API, method: 'POST', connections: 32, duration: SECONDS_COLD, body: body(STATS, { id: session }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mint('host', `streamer_id=${host}`)}` } }, () => {});
  instance.on('response', (client, status, bytes) => { if (status === 200) answered++; else failed++; });
  const started = Date.now();
  const ticker = setInterval(async () => {
    const now = await counters(); const second = Math.round((Date.now() - started) / 1000);
    const redis = (now.redis || 0) - (previous.redis || 0); const pg = (now.pg || 0) - (previous.pg || 0);
    perSecond.push(`${second}s ${redis}/${pg}`);
    if (pg > 0 || redis === 0) fromRedisAt = null; else if (fromRedisAt === null) fromRedisAt = second - 1;
    previous = now;
  }, 1000);
  await new Promise((resolve) => instance.on('done', resolve));
  clearInterval(ticker);
  const end = await counters();
  console.error(`[${LABEL}] cold start, answers from Redis/PostgreSQL per second: ${perSecond.join(', ')}`);
  console.log(`| ${LABEL} | cold start: 32 connections read at once a ${orders}-order LIVE session whose counters are rebuilt, ${SECONDS_COLD} s`
    + ` | ${answered} answers (${failed} non-2xx); ${(end.pg || 0) - (start.pg || 0)} from PostgreSQL by ${isNaN(end.aggregates) ? 'as many' : end.aggregates - (start.aggregates || 0)} aggregates;`
    + ` read breaker opened ${(end.opened || 0) - (start.opened || 0)}×; from Redis alone from ${fromRedisAt === null ? 'never' : fromRedisAt + ' s on'} |`);
  process.exit(0);
}
const token = env.BARE ? null : mint('host', 'streamer_id=1');
if (env.PART !== 'totals') {
await cannon('warm-up typename', { url: API, connections: 32, duration: 5, body: body('{ __typename }') }, token);
const typename = await cannon('typename', { url: API, connections: 32, duration: SECONDS, body: body('{ __typename }') }, token);
console.log(`| ${LABEL} | \`{ __typename }\`, 32 connections${token ? ', host token' : ''} | ${describe(typename)} |`);
}
if (env.PART === 'totals') {
  const admin = mint('admin');
  const TOTALS = `query ($c: ID!, $f: DateTime, $t: DateTime) { region(code: $c) { totals(from: $f, to: $t) {
    gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue byChannel { channel gmv netGmv orderCount } } } }`;
  const vars = { c: env.DISTRICT, f: env.DAY_FROM, t: env.DAY_TO };
  // A warm-up long enough for the JIT: after 3 s the jar answered in 8–10 ms what it answers in 3–4 ms warm
  // (PERFORMANCE.md, issue 17, 2026-12-07 sixth session); 4 connections to warm it sooner.
  await cannon('warm-up totals', { url: API, connections: 4, duration: Number(env.TOTALS_WARMUP ?? 20), body: body(TOTALS, vars) }, admin);
  const totals = await sequential('totals', 10, body(TOTALS, vars), admin);
  console.log(`| ${LABEL} | region(${env.DISTRICT}) { totals } of one day, one request at a time | ${totals.count} in 10 s,`
    + ` p50 ${totals.p50.toFixed(3)} ms, p99 ${totals.p99.toFixed(3)} ms, mean ${totals.mean.toFixed(3)} ms |`);
}
if (failures.length) { console.error(failures.join('\n')); process.exit(1); }
