import { nextTierHints } from '../../advice/next-tier.js';
import { evaluate } from '../../engine/evaluate.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Outcome, RowRange } from '../report/batch-report.js';
import type { Enterprise, Evaluation } from '../../engine/types.js';
import { readingRange } from '../../reading-effects/range.js';
import { readingsInPlay } from '../../reading-effects/readings-in-play.js';
import type { SourceRow } from '../read/source-row.js';
import type { RowConverter } from './row-to-record.js';

/**
 * One input row made into an outcome: converted, then evaluated (without traces,
 * unless asked: only the HTML sheets show them), and with --hints its next-tier hints (each one
 * re-runs the engine: opt-in). `sheet` (the HTML sheets): with traces, and the readings in play,
 * which re-run the engine once per other option of each reading near the row.
 * The same on one thread and in the batch workers.
 */
export function outcomeOf(set: RuleSet, converter: RowConverter, src: SourceRow, hints: boolean, range = false, sheet = false): Outcome {
  const conv = converter.fromRow(src);
  if (!conv.enterprise) return { kind: 'error', row: src.row, line: src.line, conv };
  const ent = conv.enterprise;
  const ev = evaluate(set, ent, { trace: sheet });
  const readings = sheet && set.readings.length ? readingsInPlay(set, ent, ev) : undefined;
  return {
    kind: 'ok',
    row: src.row,
    line: src.line,
    ev,
    ent,
    hints: hints ? nextTierHints(set, ent, ev) : undefined,
    range: range ? rowRange(set, ent, ev) : undefined,
    readings,
  };
}

/** --range: the sure total and each clause's award at their lowest and highest across the readings that touch the row. */
function rowRange(set: RuleSet, ent: Enterprise, ev: Evaluation): RowRange {
  const r = readingRange(set, ent, ev);
  return { low: r.sure.low.amount, high: r.sure.high.amount, clauses: new Map(r.clauses.map((c) => [c.clauseId, { low: c.low.amount, high: c.high.amount }])) };
}
