import type { Evaluation } from '../engine/types.js';
import type { Labels } from './labels.js';
import { AMOUNT_KINDS, amountsOf, levelsUsed, reportRows, type ReportRow } from './rows.js';
import type { RuleSet } from '../model/rule-set.js';
import { documentSteps, explainParts } from './render-explain.js';
import type { ReadingUse } from '../reading-effects/readings-in-play.js';
import { catalogue, fill } from '../i18n/messages.js';
import { safeText } from '../i18n/safe-text.js';

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
export function renderCsv(ev: Evaluation, l: Labels, all = false, explain?: RuleSet, uses: ReadingUse[] = []): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const levels = levelsUsed(ev);
  let out = csvLine([
    w.document!,
    w.clause!,
    w.title!,
    w.status!,
    ...AMOUNT_KINDS.map((k) => m.amountColumn[k]!),
    ...levels.map((lv) => l.level(lv)),
    w.note!,
    w.partialColumn!,
    ...(explain ? [m.sheet.explainColumn!] : []),
  ]);
  const plain = new Map(ev.policies.flatMap((p) => p.clauses.map((c) => [c.clauseId, amountsOf(c, (d) => d.toFixed(2))] as const)));
  const working = explain ? explanationOf(ev, explain, l, uses) : undefined;
  for (const r of reportRows(ev, l, all)) {
    const amounts = r.clauseId ? plain.get(r.clauseId)! : r.amounts;
    const shares = levels.map((lv) => (r.shares[lv] ?? '').replace(/,/g, ''));
    out += csvLine([
      r.document,
      r.clause,
      r.title,
      r.status,
      ...AMOUNT_KINDS.map((k) => amounts[k]),
      ...shares,
      r.note,
      r.partial,
      ...(working ? [working(r)] : []),
    ]);
  }
  return out;
}

/**
 * --explain in CSV: the working of each row in a cell of its own (lines joined by
 * line breaks, which a spreadsheet keeps inside the cell), never text after the table.
 * A clause gets its steps, who pays, the quote and the notes; a document-level row
 * (not in force, not covered, barred) the document's own steps.
 */
function explanationOf(ev: Evaluation, set: RuleSet, l: Labels, uses: ReadingUse[]): (r: ReportRow) => string {
  const m = catalogue(l.lang);
  const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
  const policies = new Map(ev.policies.map((p) => [p.policyId, p]));
  return (r) => {
    const p = r.policyId ? policies.get(r.policyId) : undefined;
    if (!p) return '';
    const c = r.clauseId ? p.clauses.find((x) => x.clauseId === r.clauseId) : undefined;
    if (!c) return documentSteps(p, l, uses).join('\n');
    const x = explainParts(p, c, clauses.get(c.clauseId), l, uses);
    const colon = l.lang === 'zh' ? '：' : ': ';
    return [
      ...x.steps.map((s) => s.text),
      ...x.readings,
      ...(x.split ? [x.split] : []),
      fill(m.trace.quoteLine!, { doc: p.docNumber ?? p.title, number: c.number, quote: x.quote }),
      ...x.notes.map((n) => `${m.words.note}${colon}${n}`),
    ].join('\n');
  };
}
