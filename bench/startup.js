#!/usr/bin/env node
// Start-up benchmark: median wall time of `subsidy calc <example>` against `node -e 0`,
// for the examples given, or for every shipped example (examples/*.yaml) by default.
// The commands take turns (one run of each per round, `node -e 0` before every
// example), so a machine busy with something else slows all of them alike.
// Prints figures and the worst example's ratio; it asserts nothing (README has the record).
// RUNS=n sets the rounds (default 11); --json adds `--format json` runs of each example.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 11);
const args = process.argv.slice(2);
const withJson = args.includes('--json');
const given = args.filter((a) => a !== '--json');
const examples = given.length
  ? given
  : readdirSync(new URL('../examples', import.meta.url))
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => `examples/${n}`);
const TARGET = 1.8;

const commands = [];
for (const ex of examples) {
  commands.push({ name: ex, args: ['bin/subsidy.js', 'calc', ex] });
  if (withJson) commands.push({ name: `${ex} --format json`, args: ['bin/subsidy.js', 'calc', ex, '--format', 'json'] });
}

function once(a) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, a, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  // calc exits 0 (or 1 never): anything else is a broken example, not a timing.
  if (r.status !== 0) throw new Error(`${a.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// One untimed round first: it writes the rule and code caches a fresh build does not have yet.
for (const c of commands) once(c.args);
const base = [];
const times = new Map(commands.map((c) => [c.name, []]));
for (let i = 0; i < runs; i++)
  for (const c of commands) {
    base.push(once(['-e', '0']));
    times.get(c.name).push(once(c.args));
  }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = median(base);
console.log(`rounds: ${runs}; node -e 0 median ${b.toFixed(1)} ms (fastest ${Math.min(...base).toFixed(1)}), ${base.length} runs interleaved`);
let worst = { name: '', ratio: 0 };
for (const [name, xs] of times) {
  const ratio = median(xs) / b;
  if (ratio > worst.ratio) worst = { name, ratio };
  console.log(`${median(xs).toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}  ${name}`);
}
console.log(`worst ratio calc / node -e 0: ${worst.ratio.toFixed(2)} (${worst.name}); target ≤ ${TARGET}: ${worst.ratio <= TARGET ? 'met' : 'NOT met'}`);
