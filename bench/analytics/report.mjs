// Prints the benchmark results of run.sh as a Markdown table (p50 / p99 in ms, and ratios).
import { readFileSync, readdirSync } from 'node:fs';

const dir = process.argv[2];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
for (const file of readdirSync(dir).filter((f) => /^results-.*\.json$/.test(f)).sort()) {
  const label = file.slice('results-'.length, -'.json'.length);
  const rows = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  console.log(`\n### ${label} orders\n`);
  console.log('| query | service p50 / p99 | plain SQL p50 / p99 | PostGraphile p50 / p99 | SQL ÷ service (p50) | PostGraphile ÷ service (p50) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const pgl = r.postgraphile;
    console.log(`| ${r.name} | ${fmt(r.service.p50)} / ${fmt(r.service.p99)} | ${fmt(r.sql.p50)} / ${fmt(r.sql.p99)} (n=${r.sql.n}) | `
      + `${pgl ? `${fmt(pgl.p50)} / ${fmt(pgl.p99)} (n=${pgl.n})` : 'n/a'} | ${(r.sql.p50 / r.service.p50).toFixed(0)}× | `
      + `${pgl ? (pgl.p50 / r.service.p50).toFixed(0) + '×' : 'n/a'} |`);
  }
  console.log('\nfigures agree (service / SQL / PostGraphile):');
  for (const r of rows) console.log(`- ${r.name}: ${r.service.value} / ${r.sql.value} / ${r.postgraphile ? r.postgraphile.value : 'n/a'}`);
}

// Issue 13: each new figure's p50 over today's totals p50 of the same region and period, same run (goal ≤ 1.5×);
// with BENCH_ROUNDS, also round by round (each round's p50 over the totals' p50 of the same round)
for (const file of readdirSync(dir).filter((f) => /^results-.*\.json$/.test(f)).sort()) {
  const rows = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const totalsOf = (name) => {
    const m = name.match(/^(buyers|compare) (\w+) (\w+)$/) || name.match(/^(povertyFocusTotals) (municipality) (\w+)$/);
    return m ? byName.get(`totals ${m[2]} ${m[3]}`) : null;
  };
  const lines = [];
  for (const r of rows) {
    const t = totalsOf(r.name);
    if (!t) continue;
    const ratio = r.service.p50 / t.service.p50;
    const rounds = (r.service.rounds || []).map((p, i) => (p / t.service.rounds[i]).toFixed(2) + '×').join(', ');
    lines.push(`| ${r.name} | ${fmt(t.service.p50)} | ${fmt(r.service.p50)} / ${fmt(r.service.p99)} | ${ratio.toFixed(2)}× | `
      + `${rounds || 'n/a'} | ${ratio <= 1.5 ? '✔' : '✘'} | ${Math.abs(Number(r.service.value) - Number(r.sql.value)) < 0.005 ? 'yes' : `NO (${r.service.value} / ${r.sql.value})`} |`);
  }
  if (!lines.length) continue;
  console.log(`\n### ${file.slice('results-'.length, -'.json'.length)}: new figures ÷ totals (p50)\n`);
  console.log('| query | totals p50 | new figure p50 / p99 | ÷ totals | by round | ≤ 1.5× | equals plain SQL |');
  console.log('|---|---|---|---|---|---|---|');
  lines.forEach((l) => console.log(l));
}
