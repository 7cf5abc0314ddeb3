import { nextTierHints } from '../advice/next-tier.js';
import { evaluate } from '../engine/evaluate.js';
import type { RuleSet } from '../load/load-rules.js';
import type { Outcome, RowRange } from './batch-report.js';
import type { Enterprise, Evaluation } from '../engine/types.js';
import { readingRange } from '../readings/range.js';
import type { SourceRow } from './read-rows.js';
import type { RowConverter } from './row-to-record.js';

/**
 * One input row made into an outcome: converted, then evaluated (without traces:
 * the report never shows one), and with --hints its next-tier hints (each one
 * re-runs the engine: opt-in). The same on one thread and in the batch workers.
 */
export function outcomeOf(set: RuleSet, converter: RowConverter, src: SourceRow, hints: boolean, range = false): Outcome {
  const conv = converter.fromRow(src);
  if (!conv.enterprise) return { kind: 'error', row: src.row, line: src.line, conv };
  const ent = conv.enterprise;
  const ev = evaluate(set, ent, { trace: false });
  return { kind: 'ok', row: src.row, line: src.line, ev, hints: hints ? nextTierHints(set, ent, ev) : undefined, range: range ? rowRange(set, ent, ev) : undefined };
}

/** --range: the sure total and each clause's award at their lowest and highest across the readings that touch the row. */
function rowRange(set: RuleSet, ent: Enterprise, ev: Evaluation): RowRange {
  const r = readingRange(set, ent, ev);
  return { low: r.sure.low.amount, high: r.sure.high.amount, clauses: new Map(r.clauses.map((c) => [c.clauseId, { low: c.low.amount, high: c.high.amount }])) };
}
