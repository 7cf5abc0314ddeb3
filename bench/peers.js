#!/usr/bin/env node
// Peer benchmark: `node bench/peers.js [N] [--only subsidy|jre|zen] [--all-policies]` (N default 100000).
//
// The computable clauses of 兰政办发〔2022〕3号 (兰溪; rules/policies/lanxi-2022.yaml) encoded in two
// engines a team might pick instead of subsidy: json-rules-engine (bench/peers/lanxi-jre.js) and
// GoRules ZEN, a decision graph of tables and expressions (bench/peers/lanxi-zen.js). Fixed amounts
// (1, 4b, 5), highest tiers (6, 8, 12), levels (2, 13), rates with caps (4a, 9 as a ceiling, 10,
// 11a, 11b), the rent formula (3), per event (7) and the clause-15 disqualifiers.
// N deterministic enterprises (bench/peers/lanxi-enterprises.js: all in 兰溪市 330781, data year
// 2023, values at, a fen around and away from every threshold and cap, some facts unknown, some
// disqualified) go through each engine and through subsidy's evaluate() (dist/, { trace: false },
// shipped rules restricted to lanxi-2022; --all-policies: every shipped policy, lanxi's results read).
//
// Timing: one thread evaluates, one enterprise at a time (a peer's promise is awaited before the
// next starts); ZEN is timed once more with 16 evaluations in flight, as a batch would use it.
// After an untimed warm-up over the first 5,000, all N are evaluated in chunks of 1,000, the
// engines taking turns chunk by chunk (so a busy machine slows all alike); only the evaluation is
// timed, not building each engine's input nor reading its answers. Wall time from process.hrtime,
// CPU time from process.cpuUsage (user + system of the whole process: ZEN evaluates on a native
// worker thread, and V8's GC helpers run beside every engine). "Per core" is evaluations per CPU
// second. Each engine gets its input as it takes it: subsidy an Enterprise built by its validator,
// the peers the plain object of facts. subsidy's evaluate() also does what the peers do not:
// fiscal splits, totals, statuses and lists of missing facts.
//
// Unknown facts: subsidy answers "needs data" (naming the fact) and never guesses. The peers do what
// they naturally do: json-rules-engine (allowUndefinedFacts) finds a condition on an absent fact
// false, ZEN needs `?? 0` wherever a fact may be absent and skips a table row whose cell fails, so
// for both an unknown fact counts as 0 / not eligible / not disqualified. Where subsidy needs data
// the peer's figure is counted apart, with how often it pays money there, not as a logic difference.
//
// Cross-check (bench/peers/cross-check.js), every award of every enterprise: equal to the fen, a
// rounding difference (≤ 3 fen), or a logic difference (anything else), with examples. The peers
// round the way a team would: json-rules-engine in floats, Math.round(x * 100) / 100 at the end;
// ZEN with round(x, 2) in its expression (ZEN's expression language computes in decimals, not
// binary floats; half a fen rounds away from zero). Prints figures; asserts nothing.
// Needs `npm run build`.
import { cpus, loadavg } from 'node:os';
import { crossCheck, ROUNDING_FEN } from './peers/cross-check.js';
import { CLAUSES, EXCLUSION_FLAGS } from './peers/lanxi-clauses.js';
import { lanxiEnterprises } from './peers/lanxi-enterprises.js';
import { jreEngine, jreEvaluate } from './peers/lanxi-jre.js';
import { zenAmounts, zenDecision, zenInEngine } from './peers/lanxi-zen.js';
import { EXCLUDED, NEEDS_DATA, subsidySide } from './peers/subsidy-side.js';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const only = option('--only');
const allPolicies = args.includes('--all-policies');
if (allPolicies) args.splice(args.indexOf('--all-policies'), 1);
const n = args.length ? Number(args[0]) : 100000;
if (!Number.isInteger(n) || n < 1 || (only && !['subsidy', 'jre', 'zen'].includes(only))) {
  process.stderr.write('usage: node bench/peers.js [N] [--only subsidy|jre|zen] [--all-policies]\n');
  process.exit(2);
}
const CHUNK = 1000;
const WARM = Math.min(n, 5000);
const K = CLAUSES.length;
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${load()}`);
let t = process.hrtime.bigint();
const facts = lanxiEnterprises(n);
console.log(`${fmt(n)} enterprises generated in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s (兰溪市 330781, 2023, seed 20221)`);

// Each engine: evaluate(i) → its answer (sync or a promise), read(answer, i, fen) → fen into the row.
const engines = [];
const side = await subsidySide({ allPolicies });
const status = new Uint8Array(n * K);
if (!only || only === 'subsidy') {
  // subsidy's input for a chunk is built (untimed) just before the chunk: 100,000 Enterprises at once held ~690 MB of Maps and Decimals.
  let built = [];
  let base = 0;
  engines.push({
    name: allPolicies ? 'subsidy (all policies)' : 'subsidy',
    prepare: (from, to) => {
      base = from;
      built = facts.slice(from, to).map((f, k) => side.enterprise(f, from + k));
    },
    evaluate: (i) => side.run(built[i - base]),
    read: (ev, i, fen) => side.extract(ev, i, fen, status),
  });
}
if (!only || only === 'jre') {
  const engine = jreEngine();
  engines.push({ name: 'json-rules-engine', evaluate: (i) => jreEvaluate(engine, facts[i]), read: peerRead, async: true });
}
if (!only || only === 'zen') {
  try {
    const decision = await zenDecision();
    // ZEN's Node binding only evaluates asynchronously, on a native thread: one at a time like the
    // others, and again with 16 in flight (Promise.all), the way a batch would use it, which spreads
    // the cost of handing each evaluation to that thread and back.
    const read = (e) => (response, i, fen) => {
      e.inEngine += zenInEngine(response);
      peerRead(zenAmounts(response), i, fen);
    };
    for (const inFlight of [1, 16]) {
      const e = {
        name: inFlight === 1 ? 'GoRules ZEN' : `GoRules ZEN, ${inFlight} in flight`,
        evaluate: (i) => decision.evaluate(facts[i]),
        async: true,
        inFlight,
        inEngine: 0,
      };
      e.read = read(e);
      engines.push(e);
    }
  } catch (e) {
    console.log(`GoRules ZEN left out: @gorules/zen-engine did not load here (${process.platform}-${process.arch}): ${String(e.message ?? e).split('\n')[0]}`);
    console.log(
      '  It ships its native code as one npm package per platform (@gorules/zen-engine-<platform>); npm installs only the one for this machine, if the registry has it.',
    );
  }
}

function peerRead(amounts, i, fen) {
  for (let j = 0; j < K; j++) fen[i * K + j] = typeof amounts[j] === 'number' ? Math.round(amounts[j] * 100) : NaN;
}

/** Evaluates enterprises [from, to); returns the answers, and adds wall and CPU time to the engine's account. */
async function chunk(e, from, to) {
  e.prepare?.(from, to);
  const out = new Array(to - from);
  const w0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  if (e.inFlight > 1)
    for (let i = from; i < to; i += e.inFlight) {
      const batch = await Promise.all(Array.from({ length: Math.min(e.inFlight, to - i) }, (_, k) => e.evaluate(i + k)));
      batch.forEach((a, k) => (out[i - from + k] = a));
    }
  else if (e.async) for (let i = from; i < to; i++) out[i - from] = await e.evaluate(i);
  else for (let i = from; i < to; i++) out[i - from] = e.evaluate(i);
  const c = process.cpuUsage(c0);
  e.wall += Number(process.hrtime.bigint() - w0) / 1e9;
  e.cpu += (c.user + c.system) / 1e6;
  return out;
}

for (const e of engines) {
  Object.assign(e, { wall: 0, cpu: 0, fen: new Float64Array(n * K) });
  for (let from = 0; from < WARM; from += CHUNK) await chunk(e, from, Math.min(WARM, from + CHUNK));
  Object.assign(e, { wall: 0, cpu: 0, inEngine: 0 });
}
console.log(`warm-up: ${fmt(WARM)} enterprises per engine, untimed; timing ${fmt(n)} in chunks of ${fmt(CHUNK)}, engines taking turns`);
t = process.hrtime.bigint();
for (let from = 0, turn = 0; from < n; from += CHUNK, turn++) {
  const to = Math.min(n, from + CHUNK);
  // Rotate who goes first, so no engine always runs right after another's garbage.
  for (let k = 0; k < engines.length; k++) {
    const e = engines[(k + turn) % engines.length];
    const answers = await chunk(e, from, to);
    answers.forEach((a, x) => e.read(a, from + x, e.fen));
  }
}
console.log(`done in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s; load average now ${load()}\n`);

const sub = engines.find((e) => e.name.startsWith('subsidy'));
const rows = engines.map((e) => ({ e, perCore: n / e.cpu, perWall: n / e.wall }));
const fastestPeer = rows.filter((r) => r.e !== sub).sort((a, b) => b.perCore - a.perCore)[0];
const head = ['engine', 'wall s', 'CPU s', 'eval/s (wall)', 'eval/s per core', 'vs subsidy (per core)'];
const body = rows.map((r) => [
  r.e.name,
  r.e.wall.toFixed(2),
  r.e.cpu.toFixed(2),
  fmt(r.perWall),
  fmt(r.perCore),
  sub ? `${(r.perCore / (n / sub.cpu)).toFixed(2)}×` : '—',
]);
const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
for (const line of [head, widths.map((w) => '-'.repeat(w)), ...body])
  console.log(line.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  '));
if (sub && fastestPeer) {
  const r = n / sub.cpu / fastestPeer.perCore;
  console.log(
    `\nsubsidy ÷ fastest peer (${fastestPeer.e.name}), per core: ${r.toFixed(2)} (goal ≥ 1.00); on wall time: ${(n / sub.wall / fastestPeer.perWall).toFixed(2)}`,
  );
}

for (const e of engines.filter((e) => e.inFlight === 1))
  console.log(
    `${e.name} says it spent ${((e.inEngine / n) * 1e6).toFixed(1)} µs per evaluation inside the engine (${fmt(n / e.inEngine)}/s); the rest of its time is the binding.`,
  );

const zen = engines.filter((e) => e.inFlight);
if (zen.length > 1)
  console.log(
    `${zen[1].name}: answers the same as one at a time for ${fmt(zen[1].fen.reduce((m, x, o) => m + (Object.is(x, zen[0].fen[o]) ? 1 : 0), 0) / K)} enterprises of ${fmt(n)}`,
  );
if (sub) {
  const needs = CLAUSES.map((_, j) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += status[i * K + j] === NEEDS_DATA ? 1 : 0;
    return c;
  });
  let excluded = 0;
  for (let i = 0; i < n; i++) if (status.subarray(i * K, i * K + K).includes(EXCLUDED)) excluded++;
  console.log(`\nsubsidy: awards left as needs data, by clause: ${CLAUSES.map((c, j) => `${c}: ${fmt(needs[j])}`).join(', ')}`);
  console.log(`subsidy: ${fmt(excluded)} enterprises with an award withheld by a clause-15 disqualifier`);
}
if (sub) for (const e of engines) if (e !== sub && !(e.inFlight > 1)) report(e.name, crossCheck(n, { fen: sub.fen, status }, e.fen));
if (!sub || engines.length < 2) console.log('\n(cross-check needs subsidy and a peer in the same run)');

/** The facts a clause of the policy reads (its condition, award and beneficiary), for examples. */
function factsOf(id) {
  const clause = side.policy.clauses.find((c) => c.id === `lanxi-2022/${id}`);
  const ids = new Set(clause.beneficiary ? ['entity_kinds'] : []);
  const walk = (x) =>
    Array.isArray(x)
      ? x.forEach(walk)
      : x && typeof x === 'object' && Object.entries(x).forEach(([k, v]) => (k === 'fact' || k === 'items' ? ids.add(v) : walk(v)));
  walk(clause.when);
  walk(clause.award);
  if (ids.has('cbec_b2c_sales_usd')) ['cbec_b2c_sales_cny', 'usd_cny_rate'].forEach((f) => ids.add(f));
  return [...ids];
}

function report(name, c) {
  const pct = (x, of) => `${fmt(x)} (${((100 * x) / of).toFixed(1)}%)`;
  console.log(`\ncross-check ${name} against subsidy: ${fmt(n)} enterprises × ${K} awards`);
  console.log(`  enterprises agreeing on every award subsidy decided:  ${pct(c.agree, n)}`);
  console.log(`  differing by rounding only (≤ ${ROUNDING_FEN} fen):              ${pct(c.roundingOnly, n)}`);
  console.log(`  differing in logic:                                   ${pct(c.logic, n)}`);
  console.log(`  with an award subsidy leaves as needs data:           ${pct(c.needsData, n)}; the peer pays money on one of them for ${fmt(c.needsDataPaid)}`);
  console.log(
    `  awards: ${fmt(c.awardsSure)} decided by subsidy — ${fmt(c.awardsEqual)} equal, ${fmt(c.awardsRounding)} rounding, ${fmt(c.awardsLogic)} logic; ${fmt(c.awardsNeedsData)} needs data (peer pays on ${fmt(c.awardsNeedsDataPaid)})`,
  );
  if (c.roundingByClause.size) console.log(`  rounding differences by clause: ${[...c.roundingByClause].map(([k, v]) => `${k}: ${fmt(v)}`).join(', ')}`);
  for (const [clause, l] of c.logicByClause) {
    console.log(`  logic, clause ${clause}: ${fmt(l.count)} awards`);
    for (const x of l.examples) {
      const f = facts[x.i];
      const shown = [...factsOf(clause), 'pension_coverage', ...EXCLUSION_FLAGS.filter((id) => f[id] === true)]
        .filter((id) => f[id] !== undefined)
        .map((id) => `${id}=${JSON.stringify(f[id])}`);
      console.log(`    enterprise ${x.i}: subsidy ${fmt(x.subsidy / 100, 2)}, peer ${fmt(x.peer / 100, 2)}; ${shown.join(' ')}`);
    }
  }
}
