import type { Evaluation } from '../engine/types.js';
import { catalogue } from '../i18n/messages.js';
import type { Labels } from './labels.js';
import { AMOUNT_KINDS, amountsOf, levelsUsed, reportRows } from './rows.js';
import { safeText } from './safe-text.js';

/** Cells starting like a formula are prefixed with ' so Excel shows them as text. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(cell: string): string {
  const safe = neutralise(safeText(cell));
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * The itemised report as CSV (one row per clause shown). Every kind of amount has
 * its own column, written as a plain number so that a spreadsheet sums it, and the
 * level columns split the sure amount only: =SUM() of a column is that column's total.
 */
export function renderCsv(ev: Evaluation, l: Labels, all = false): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const levels = levelsUsed(ev);
  let out = csvLine([w.document!, w.clause!, w.title!, w.status!, ...AMOUNT_KINDS.map((k) => m.amountColumn[k]!), ...levels.map((lv) => l.level(lv)), w.note!, w.partialColumn!]);
  const plain = new Map(ev.policies.flatMap((p) => p.clauses.map((c) => [c.clauseId, amountsOf(c, (d) => d.toFixed(2))] as const)));
  for (const r of reportRows(ev, l, all)) {
    const amounts = r.clauseId ? plain.get(r.clauseId)! : r.amounts;
    const shares = levels.map((lv) => (r.shares[lv] ?? '').replace(/,/g, ''));
    out += csvLine([r.document, r.clause, r.title, r.status, ...AMOUNT_KINDS.map((k) => amounts[k]), ...shares, r.note, r.partial]);
  }
  return out;
}
