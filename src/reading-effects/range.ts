import { evaluate } from '../engine/evaluate.js';
import type { Enterprise, Evaluation } from '../engine/types.js';
import type { RuleSet } from '../model/rule-set.js';
import { Decimal, ZERO } from '../money/decimal.js';
import { withReadings } from '../readings/apply-readings.js';
import { readingsInPlay } from './readings-in-play.js';

/** One end of a range: the figure and the options that give it. */
export interface RangeEnd {
  amount: Decimal;
  /** What kind of figure it is at that end: a sure amount, a ceiling, nothing. */
  status: string;
  choices: Record<string, string>;
}

export interface ClauseRange {
  clauseId: string;
  policyId: string;
  low: RangeEnd;
  high: RangeEnd;
}

export interface Range {
  /** The readings that decide something for this enterprise, and their options. */
  readings: { id: string; options: string[] }[];
  clauses: ClauseRange[];
  sure: { low: RangeEnd; high: RangeEnd };
  ceilings: { low: RangeEnd; high: RangeEnd };
  /** How many combinations of options were evaluated. */
  combinations: number;
}

/** No enterprise is touched by more readings than this: 3^6 evaluations at most. */
const MAX_READINGS = 6;

/**
 * The range an enterprise can expect across the readings that touch it: every
 * combination of their options is evaluated (only those readings: the others
 * cannot change anything), and per clause and in total the lowest and highest
 * award is kept with the options that give it. Sure amounts and ceilings are
 * kept apart: a reading that turns a ceiling into a sure amount moves money
 * from one to the other, and a range must not add them up.
 */
export function readingRange(set: RuleSet, ent: Enterprise, ev: Evaluation): Range {
  const inPlay = readingsInPlay(set, ent, ev)
    .filter((u) => u.decided)
    .slice(0, MAX_READINGS);
  const readings = inPlay.map((u) => ({ id: u.id, options: set.readings.find((r) => r.id === u.id)!.options.map((o) => o.id) }));
  const combos = combinations(readings);
  const clauses = new Map<string, ClauseRange>();
  let sure: Range['sure'] | undefined;
  let ceilings: Range['ceilings'] | undefined;
  for (const choices of combos) {
    const e = Object.keys(choices).length ? evaluate(withReadings(set, choices), ent, { trace: false }) : ev;
    sure = widen(sure, e.totals.sure, 'total', choices);
    ceilings = widen(ceilings, e.totals.ceilings, 'total', choices);
    for (const p of e.policies)
      for (const c of p.clauses) {
        const paid = c.status === 'eligible' || c.status === 'ceiling' ? c.amount! : ZERO;
        const prior = clauses.get(c.clauseId);
        const w = widen(prior && { low: prior.low, high: prior.high }, paid, paid.isZero() ? c.status : c.status, choices);
        clauses.set(c.clauseId, { clauseId: c.clauseId, policyId: c.policyId, ...w });
      }
  }
  const moved = [...clauses.values()].filter((c) => !c.low.amount.equals(c.high.amount) || c.low.status !== c.high.status);
  return { readings, clauses: moved, sure: sure!, ceilings: ceilings!, combinations: combos.length };
}

function widen(r: { low: RangeEnd; high: RangeEnd } | undefined, amount: Decimal, status: string, choices: Record<string, string>) {
  const end = { amount, status, choices };
  if (!r) return { low: end, high: end };
  return { low: amount.lessThan(r.low.amount) ? end : r.low, high: amount.greaterThan(r.high.amount) ? end : r.high };
}

function combinations(readings: { id: string; options: string[] }[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const r of readings) out = out.flatMap((c) => r.options.map((o) => ({ ...c, [r.id]: o })));
  return out;
}

export { Decimal };
