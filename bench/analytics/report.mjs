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
