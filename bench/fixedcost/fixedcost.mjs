// Issue 17 driver: what every request pays. PART=typename: `{ __typename }` with a token at 32 connections;
// PART=totals: a small region totals (one district, one day) one request at a time. Invoked by run.sh; prints markdown rows on stdout.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';

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
const describe = (r) => `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, mean ${r.latency.average.toFixed(2)} ms`;

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
  const totals = await cannon('totals', { url: API, connections: 1, duration: 10, body: body(TOTALS, vars) }, admin);
  console.log(`| ${LABEL} | region(${env.DISTRICT}) { totals } of one day, 1 connection | ${describe(totals)} |`);
}
if (failures.length) { console.error(failures.join('\n')); process.exit(1); }
