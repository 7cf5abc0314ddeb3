#!/usr/bin/env node
// Start-up benchmark: median wall time of `subsidy calc <example>` against `node -e 0`.
// The commands take turns (one run of each per round), so a machine busy with something
// else slows all of them alike. Prints figures; it asserts nothing (README has the record).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 21);
const example = process.argv[2] ?? 'examples/lanxi-cross-border-seller.yaml';
const commands = {
  base: ['-e', '0'],
  calc: ['bin/subsidy.js', 'calc', example],
  json: ['bin/subsidy.js', 'calc', example, '--format', 'json'],
};

function once(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// One untimed round first: it writes the rule and code caches a fresh build does not have yet.
for (const args of Object.values(commands)) once(args);
const times = { base: [], calc: [], json: [] };
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) times[name].push(once(args));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const [base, calc, json] = [times.base, times.calc, times.json];
console.log(`runs per command:            ${runs} (interleaved)`);
console.log(`node -e 0:                   ${median(base).toFixed(1)} ms  (fastest ${min(base).toFixed(1)})`);
console.log(`subsidy calc (table):        ${median(calc).toFixed(1)} ms  (fastest ${min(calc).toFixed(1)})`);
console.log(`subsidy calc --format json:  ${median(json).toFixed(1)} ms  (fastest ${min(json).toFixed(1)})`);
console.log(`ratio calc / node -e 0:      ${(median(calc) / median(base)).toFixed(2)} (target ≤ 2.0)`);
