import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { wrapText } from './wrap-text.js';
import { safeText } from './safe-text.js';
import type { Evaluation } from '../engine/types.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { formatYuan, type Decimal } from '../money/decimal.js';

/** Large totals also in 万元, the unit the texts use: 218,000.00 (21.8万元). */
const wan = (d: Decimal) => (d.greaterThanOrEqualTo(10000) ? `（${d.div(10000).toDecimalPlaces(4).toFixed()}万元）` : '');
import { hiddenCounts, levelsUsed, reportRows } from './rows.js';

export interface TableOptions {
  lang: Lang;
  all?: boolean;
  color?: boolean;
}

/** The itemised table for one enterprise, with totals and the notes of every clause shown. */
export function renderTable(ev: Evaluation, notesOf: (clauseId: string) => string[], opts: TableOptions): string {
  const m = catalogue(opts.lang);
  const levels = levelsUsed(ev);
  const head = [m.words.document, m.words.clause, m.words.title, m.words.status, m.words.award, ...levels.map((l) => m.level[l]!), m.words.note];
  // Cells are wrapped here (wrapText) rather than by cli-table3, whose CJK wrapping dominated start-up.
  const table = new Table({ head: head.map(String), style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [] } });
  const footnotes: string[] = [];
  // Colour only for a terminal: files, pipes and CI get plain text.
  const paint = new Chalk({ level: opts.color ? 1 : 0 });
  const tone: Record<string, (s: string) => string> = { eligible: paint.green, ceiling: paint.yellow, needs_data: paint.magenta, superseded: paint.gray, excluded: paint.red, not_in_force: paint.gray, not_covered: paint.gray };
  for (const r of reportRows(ev, opts.lang, opts.all)) {
    const notes = r.clauseId ? notesOf(r.clauseId) : [];
    let note = r.note;
    if (notes.length) {
      const first = footnotes.length + 1;
      notes.forEach((n, i) => footnotes.push(safeText(`[${first + i}] ${r.clauseId}: ${n}`)));
      note = `${note ? note + ' ' : ''}[${first}${notes.length > 1 ? '–' + footnotes.length : ''}]`;
    }
    table.push([wrapText(r.document, DOC_WIDTH), safeText(r.clause), wrapText(r.title, TITLE_WIDTH), (tone[r.statusCode] ?? String)(r.status), { content: r.award, hAlign: 'right' }, ...levels.map((l) => ({ content: r.shares[l] ?? '', hAlign: 'right' as const })), wrapText(note, NOTE_WIDTH)]);
  }
  const e = ev.enterprise;
  const header = safeText(`${m.words.enterprise}: ${e.name ?? e.id ?? '—'}  ${m.words.region}: ${e.regionName} (${e.region})  ${m.words.year}: ${e.year}`);
  const t = ev.totals;
  const byLevel = Object.entries(t.byLevel).map(([k, v]) => `${m.level[k] ?? k} ${formatYuan(v!)}`).join(' / ');
  const hidden = hiddenCounts(ev);
  const lines = [
    header,
    table.toString(),
    `${m.words.sure}: ${formatYuan(t.sure)}${wan(t.sure)}${byLevel ? `  (${byLevel})` : ''}`,
    `${m.words.ceilings}: ${formatYuan(t.ceilings)}${wan(t.ceilings)}`,
    `${m.words.pending}: ${t.needsData}${t.pendingPotential.greaterThan(0) ? `  (${m.words.pendingPotential}: ${formatYuan(t.pendingPotential)})` : ''}`,
  ];
  if (!opts.all && (hidden.notEligible || hidden.info))
    lines.push(fill(m.advice.hidden!, { notEligible: hidden.notEligible, info: hidden.info }));
  if (footnotes.length) lines.push('', ...footnotes);
  return lines.join('\n') + '\n';
}

/** Only the free-text columns are bounded, in terminal columns (a CJK character takes two). */
const DOC_WIDTH = 30;
const TITLE_WIDTH = 28;
const NOTE_WIDTH = 38;
