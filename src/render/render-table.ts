import { Chalk } from 'chalk';
import { wrapText } from './wrap-text.js';
import { fitWidths, wrapColumns, type Column } from './fit-columns.js';
import { renderCards } from './render-cards.js';
import { drawTable, type DrawRow } from './draw-table.js';
import { safeText } from '../i18n/safe-text.js';
import type { Evaluation } from '../engine/types.js';
import { catalogue, fill } from '../i18n/messages.js';
import { formatYuan, type Decimal } from '../money/decimal.js';
import type { Labels } from './labels.js';
import { amountColumnsUsed, clauseRef, hiddenLine, levelsUsed, partialYearLines, reportRows } from './rows.js';

/** Large totals also in 万元, the unit the texts use: 218,000.00（21.8万元）. Chinese readers only. */
const wan = (d: Decimal, lang: string) => (lang === 'zh' && d.greaterThanOrEqualTo(10000) ? `（${d.div(10000).toDecimalPlaces(4).toFixed()}万元）` : '');

export interface TableOptions {
  all?: boolean;
  color?: boolean;
  /**
   * Terminal columns. Undefined: the full layout, the same whatever the terminal, for
   * logs and files. Otherwise a table that fits, or under CARD_BELOW one card per clause.
   */
  width?: number;
}

/** The itemised table for one enterprise, with totals and the notes of every clause shown. */
export function renderTable(ev: Evaluation, notesOf: (clauseId: string) => string[], l: Labels, opts: TableOptions): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const rows = reportRows(ev, l, opts.all);
  const levels = levelsUsed(ev);
  const amounts = amountColumnsUsed(rows);
  const footnotes: string[] = [];
  // Colour only for a terminal: files, pipes and CI get plain text.
  const paint = new Chalk({ level: opts.color ? 1 : 0 });
  const tone: Record<string, (s: string) => string> = {
    eligible: paint.green,
    ceiling: paint.yellow,
    needs_data: paint.magenta,
    superseded: paint.gray,
    excluded: paint.red,
    not_in_force: paint.gray,
    not_covered: paint.gray,
  };
  const notes = rows.map((r) => {
    const ruleNotes = r.clauseId ? notesOf(r.clauseId) : [];
    let note = r.note;
    if (r.partial) note = `${note ? note + '；' : ''}${w.partialMark}`;
    if (ruleNotes.length) {
      const first = footnotes.length + 1;
      ruleNotes.forEach((n, i) => footnotes.push(safeText(`[${first + i}] ${l.clause(r.clauseId!)}: ${l.note(n)}`)));
      note = `${note ? note + ' ' : ''}[${first}${ruleNotes.length > 1 ? '–' + footnotes.length : ''}]`;
    }
    return safeText(note);
  });
  // Fitted to a terminal, the document heads its group of rows (a row across the table) instead of taking a column.
  const fitted = opts.width !== undefined;
  const columns: Column[] = [
    ...(fitted ? [] : [{ head: w.document!, cells: rows.map((r) => safeText(r.document)), wrap: { weight: 30, min: 10, full: 30 } }]),
    { head: w.clause!, cells: rows.map((r) => safeText(r.clause)), ...(fitted ? { wrap: { weight: 6, min: 4, full: 0 } } : {}) },
    { head: w.title!, cells: rows.map((r) => safeText(r.title)), wrap: { weight: 28, min: 10, full: 28 } },
    { head: w.status!, cells: rows.map((r) => r.status), ...(fitted ? { wrap: { weight: 6, min: 6, full: 0 } } : {}) },
    ...amounts.map((k) => ({ head: m.amountColumn[k]!, cells: rows.map((r) => r.amounts[k]), right: true })),
    ...levels.map((lv) => ({ head: l.level(lv), cells: rows.map((r) => r.shares[lv] ?? ''), right: true })),
    { head: w.note!, cells: notes, wrap: { weight: 38, min: 12, full: 38 } },
  ];
  const e = ev.enterprise;
  const header = safeText(`${l.subject(ev)}: ${e.name ?? e.id ?? '—'}  ${w.region}: ${l.region(e.region)} (${e.region})  ${w.year}: ${e.year}`);
  const widths = fitted ? fitWidths(columns, opts.width!) : columns.map((c) => c.wrap?.full ?? 0);
  let body: string;
  if (widths) {
    const { head, rows: cells } = wrapColumns(columns, widths);
    const statusAt = columns.findIndex((c) => c.head === w.status);
    const inner = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
    const drawn: DrawRow[] = [];
    cells.forEach((row, r) => {
      if (fitted && rows[r]!.document !== rows[r - 1]?.document) drawn.push({ across: wrapText(rows[r]!.document, inner) });
      drawn.push(row.map((c, i) => (i === statusAt ? (tone[rows[r]!.statusCode] ?? String)(c) : c)));
    });
    const colour = opts.color ? { border: paint.gray, headText: paint.cyan } : {};
    body = drawTable({ head, rows: drawn, right: columns.map((c) => c.right ?? false), ...colour });
  } else body = renderCards(rows, notes, { amounts, levels, l, width: opts.width!, paint: (r) => (tone[r.statusCode] ?? String)(r.status) });
  const lines = [header, body, ...totalsLines(ev, l)];
  const hidden = hiddenLine(ev, l.lang);
  if (!opts.all && hidden) lines.push(hidden);
  if (footnotes.length) lines.push('', ...footnotes);
  // Every line but the table's own is wrapped to the terminal when one is given.
  const fit = (line: string) => (opts.width === undefined || line === body ? line : wrapText(line, opts.width));
  return lines.map(fit).join('\n') + '\n';
}

/** Sure total, ceilings, what is pending, and the documents only partly in force: each on its own line. */
export function totalsLines(ev: Evaluation, l: Labels): string[] {
  const w = catalogue(l.lang).words;
  const t = ev.totals;
  const byLevel = Object.entries(t.byLevel)
    .map(([k, v]) => `${l.level(k)} ${formatYuan(v!)}`)
    .join(' / ');
  const lines = [
    `${w.sure}: ${formatYuan(t.sure)}${wan(t.sure, l.lang)}${byLevel ? `  (${byLevel})` : ''}`,
    `${w.ceilings}: ${formatYuan(t.ceilings)}${wan(t.ceilings, l.lang)}`,
    `${w.pending}: ${t.needsData}${t.pendingPotential.greaterThan(0) ? `  (${w.pendingPotential}: ${formatYuan(t.pendingPotential)})` : ''}`,
  ];
  for (const p of ev.policies)
    if (p.exclusion)
      lines.push(
        fill(w.excludedDocument!, { doc: p.docNumber ?? p.shortTitle ?? p.title, detail: `${p.exclusion.quote}（${clauseRef(p.exclusion.clause, l.lang)}）` }),
      );
  for (const line of partialYearLines(ev, l.lang)) lines.push(`${w.partialMark}: ${line}`);
  return lines;
}
