import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { wrapText } from './wrap-text.js';
import { safeText } from './safe-text.js';
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
}

/** The itemised table for one enterprise, with totals and the notes of every clause shown. */
export function renderTable(ev: Evaluation, notesOf: (clauseId: string) => string[], l: Labels, opts: TableOptions): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const rows = reportRows(ev, l, opts.all);
  const levels = levelsUsed(ev);
  const amounts = amountColumnsUsed(rows);
  const head = [w.document!, w.clause!, w.title!, w.status!, ...amounts.map((k) => m.amountColumn[k]!), ...levels.map((lv) => l.level(lv)), w.note!];
  // Cells are wrapped here (wrapText) rather than by cli-table3, whose CJK wrapping dominated start-up.
  const table = new Table({ head, style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [] } });
  const footnotes: string[] = [];
  // Colour only for a terminal: files, pipes and CI get plain text.
  const paint = new Chalk({ level: opts.color ? 1 : 0 });
  const tone: Record<string, (s: string) => string> = { eligible: paint.green, ceiling: paint.yellow, needs_data: paint.magenta, superseded: paint.gray, excluded: paint.red, not_in_force: paint.gray, not_covered: paint.gray };
  const right = (content: string) => ({ content, hAlign: 'right' as const });
  for (const r of rows) {
    const notes = r.clauseId ? notesOf(r.clauseId) : [];
    let note = r.note;
    if (r.partial) note = `${note ? note + '；' : ''}${w.partialMark}`;
    if (notes.length) {
      const first = footnotes.length + 1;
      notes.forEach((n, i) => footnotes.push(safeText(`[${first + i}] ${l.clause(r.clauseId!)}: ${l.note(n)}`)));
      note = `${note ? note + ' ' : ''}[${first}${notes.length > 1 ? '–' + footnotes.length : ''}]`;
    }
    table.push([wrapText(r.document, DOC_WIDTH), safeText(r.clause), wrapText(r.title, TITLE_WIDTH), (tone[r.statusCode] ?? String)(r.status), ...amounts.map((k) => right(r.amounts[k])), ...levels.map((lv) => right(r.shares[lv] ?? '')), wrapText(note, NOTE_WIDTH)]);
  }
  const e = ev.enterprise;
  const header = safeText(`${l.subject(ev)}: ${e.name ?? e.id ?? '—'}  ${w.region}: ${l.region(e.region)} (${e.region})  ${w.year}: ${e.year}`);
  const lines = [header, table.toString(), ...totalsLines(ev, l)];
  const hidden = hiddenLine(ev, l.lang);
  if (!opts.all && hidden) lines.push(hidden);
  if (footnotes.length) lines.push('', ...footnotes);
  return lines.join('\n') + '\n';
}

/** Sure total, ceilings, what is pending, and the documents only partly in force: each on its own line. */
export function totalsLines(ev: Evaluation, l: Labels): string[] {
  const w = catalogue(l.lang).words;
  const t = ev.totals;
  const byLevel = Object.entries(t.byLevel).map(([k, v]) => `${l.level(k)} ${formatYuan(v!)}`).join(' / ');
  const lines = [
    `${w.sure}: ${formatYuan(t.sure)}${wan(t.sure, l.lang)}${byLevel ? `  (${byLevel})` : ''}`,
    `${w.ceilings}: ${formatYuan(t.ceilings)}${wan(t.ceilings, l.lang)}`,
    `${w.pending}: ${t.needsData}${t.pendingPotential.greaterThan(0) ? `  (${w.pendingPotential}: ${formatYuan(t.pendingPotential)})` : ''}`,
  ];
  for (const p of ev.policies) if (p.exclusion) lines.push(fill(w.excludedDocument!, { doc: p.docNumber ?? p.shortTitle ?? p.title, detail: `${p.exclusion.quote}（${clauseRef(p.exclusion.clause, l.lang)}）` }));
  for (const line of partialYearLines(ev, l.lang)) lines.push(`${w.partialMark}: ${line}`);
  return lines;
}

/** Only the free-text columns are bounded, in terminal columns (a CJK character takes two). */
const DOC_WIDTH = 30;
const TITLE_WIDTH = 28;
const NOTE_WIDTH = 38;
