import { nextTierHints } from '../advice/next-tier.js';
import { evaluate } from '../engine/evaluate.js';
import type { RuleSet } from '../load/load-rules.js';
import type { Outcome } from './batch-report.js';
import type { SourceRow } from './read-rows.js';
import type { RowConverter } from './row-to-record.js';

/**
 * One input row made into an outcome: converted, then evaluated (without traces,
 * unless asked: only the HTML sheets show them), and with --hints its next-tier hints (each one
 * re-runs the engine: opt-in). The same on one thread and in the batch workers.
 */
export function outcomeOf(set: RuleSet, converter: RowConverter, src: SourceRow, hints: boolean, trace = false): Outcome {
  const conv = converter.fromRow(src);
  if (!conv.enterprise) return { kind: 'error', row: src.row, line: src.line, conv };
  const ent = conv.enterprise;
  const ev = evaluate(set, ent, { trace });
  return { kind: 'ok', row: src.row, line: src.line, ev, hints: hints ? nextTierHints(set, ent, ev) : undefined };
}
