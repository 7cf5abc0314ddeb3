#!/usr/bin/env node
// Batch benchmark: `node bench/batch.js [--runs R] [N ...]` (default 100000 1000000).
// For each N: generates N synthetic enterprises (bench/generate.js, cached in the
// temp folder), times `subsidy batch <file> --out report.csv` against parsing the same
// file with csv-parse alone (same library, same options: src/batch/read-csv.ts), and
// prints wall time, CPU time, rows/s, their ratio and the peak memory of each process.
// With --runs R (default 1) the two alternate R times and the medians are compared:
// on a shared machine one pair can be off by a quarter either way.
// Needs a build (npm run build). Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TIME = '/usr/bin/time';

// Child mode: parse a file with the batch command's csv-parse options and count the records.
if (process.argv[2] === '--parse-only') {
  const { parse } = await import('csv-parse');
  const { csvOptions } = await import('../dist/batch/read/read-csv.js');
  let records = 0;
  for await (const _ of createReadStream(process.argv[3], { highWaterMark: 256 * 1024 }).pipe(parse(csvOptions()))) records++;
  process.stdout.write(JSON.stringify({ records, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  process.exit(0);
}

const dir = join(tmpdir(), 'subsidy-bench');
mkdirSync(dir, { recursive: true });
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(args.splice(runsAt, 2)[1])) : 1;
const sizes = args.map(Number);
const hasTime = existsSync(TIME);

function input(n) {
  const file = join(dir, `enterprises-${n}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, [join(root, 'bench/generate.js'), String(n), file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generate.js failed');
  }
  return file;
}

/** Runs a node command; wall time from here, CPU time and peak RSS from /usr/bin/time -v when present. */
function measure(args) {
  const cmd = hasTime ? [TIME, '-v', process.execPath, ...args] : [process.execPath, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CI: '1' } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpu = hasTime ? field('User time \\(seconds\\)') + field('System time \\(seconds\\)') : NaN;
  const own = /\{"records".*\}/.exec(r.stdout);
  const rssKb = hasTime ? field('Maximum resident set size \\(kbytes\\)') : own ? JSON.parse(own[0]).maxRssKb : NaN;
  return { wall, cpu, rssKb, stdout: r.stdout };
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const rate = (n, s) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The median of each figure over the runs. */
const typical = (ms) => ({ wall: median(ms.map((m) => m.wall)), cpu: median(ms.map((m) => m.cpu)), rssKb: median(ms.map((m) => m.rssKb)) });
const results = [];
for (const n of sizes.length ? sizes : [100000, 1000000]) {
  const file = input(n);
  const report = join(dir, `report-${n}.csv`);
  const parses = [];
  const batches = [];
  let reportMb = 0;
  for (let r = 0; r < runs; r++) {
    parses.push(measure([fileURLToPath(import.meta.url), '--parse-only', file]));
    batches.push(measure(['bin/subsidy.js', 'batch', file, '--out', report, '--limit', '5']));
    reportMb = statSync(report).size / 1048576;
    rmSync(report, { force: true });
    if (runs > 1)
      console.log(
        `  run ${r + 1}: parse ${parses[r].wall.toFixed(1)} s, batch ${batches[r].wall.toFixed(1)} s, ratio ${(batches[r].wall / parses[r].wall).toFixed(2)}`,
      );
  }
  const [parse, batch] = [typical(parses), typical(batches)];
  results.push({ n, batch });
  const over = runs > 1 ? ` (medians of ${runs} runs)` : '';
  console.log(`rows: ${n.toLocaleString('en-US')}  (input ${(statSync(file).size / 1048576).toFixed(0)} MB, report ${reportMb.toFixed(0)} MB)${over}`);
  console.log(`  csv-parse alone:  ${parse.wall.toFixed(1)} s wall, ${parse.cpu.toFixed(1)} s CPU, ${rate(n, parse.wall)}, peak ${mb(parse.rssKb)}`);
  console.log(`  subsidy batch:    ${batch.wall.toFixed(1)} s wall, ${batch.cpu.toFixed(1)} s CPU, ${rate(n, batch.wall)}, peak ${mb(batch.rssKb)}`);
  console.log(`  ratio batch/parse: ${(batch.wall / parse.wall).toFixed(2)} wall, ${(batch.cpu / parse.cpu).toFixed(2)} CPU  (target ≤ 1.5)`);
}
if (results.length > 1) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(
    `peak memory ${b.n.toLocaleString('en-US')} / ${a.n.toLocaleString('en-US')} rows: ${(b.batch.rssKb / a.batch.rssKb).toFixed(2)}  (target ≤ 1.2)`,
  );
}
