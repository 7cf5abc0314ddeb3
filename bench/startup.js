#!/usr/bin/env node
// Start-up benchmark: median wall time of `subsidy calc <example>` against `node -e 0`.
// Prints figures; it asserts nothing (see README for the recorded numbers).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 21);
const example = process.argv[2] ?? 'examples/lanxi-cross-border-seller.yaml';

function median(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const base = median(['-e', '0']);
const calc = median(['bin/subsidy.js', 'calc', example]);
const json = median(['bin/subsidy.js', 'calc', example, '--format', 'json']);
console.log(`runs per command:            ${runs}`);
console.log(`node -e 0:                   ${base.toFixed(1)} ms`);
console.log(`subsidy calc (table):        ${calc.toFixed(1)} ms`);
console.log(`subsidy calc --format json:  ${json.toFixed(1)} ms`);
console.log(`ratio calc / node -e 0:      ${(calc / base).toFixed(2)} (target ≤ 2.0)`);
