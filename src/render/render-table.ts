import Table from 'cli-table3';
import type { Evaluation } from '../engine/types.js';
import { catalogue, type Lang } from '../i18n/messages.js';
import { formatYuan } from '../money/decimal.js';
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
  const table = new Table({ head: head.map(String), style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [] }, wordWrap: true, colWidths: colWidths(levels.length) });
  const footnotes: string[] = [];
  for (const r of reportRows(ev, opts.lang, opts.all)) {
    const notes = r.clauseId ? notesOf(r.clauseId) : [];
    let note = r.note;
    if (notes.length) {
      const first = footnotes.length + 1;
      notes.forEach((n, i) => footnotes.push(`[${first + i}] ${r.clauseId}: ${n}`));
      note = `${note ? note + ' ' : ''}[${first}${notes.length > 1 ? '–' + footnotes.length : ''}]`;
    }
    table.push([r.document, r.clause, r.title, r.status, { content: r.award, hAlign: 'right' }, ...levels.map((l) => ({ content: r.shares[l] ?? '', hAlign: 'right' as const })), note]);
  }
  const e = ev.enterprise;
  const header = `${m.words.enterprise}: ${e.name ?? e.id ?? '—'}  ${m.words.region}: ${e.regionName} (${e.region})  ${m.words.year}: ${e.year}`;
  const t = ev.totals;
  const byLevel = Object.entries(t.byLevel).map(([k, v]) => `${m.level[k] ?? k} ${formatYuan(v!)}`).join(' / ');
  const hidden = hiddenCounts(ev);
  const lines = [
    header,
    table.toString(),
    `${m.words.sure}: ${formatYuan(t.sure)}${byLevel ? `  (${byLevel})` : ''}`,
    `${m.words.ceilings}: ${formatYuan(t.ceilings)}`,
    `${m.words.pending}: ${t.needsData}${t.pendingPotential.greaterThan(0) ? `  (${m.words.pendingPotential}: ${formatYuan(t.pendingPotential)})` : ''}`,
  ];
  if (!opts.all && (hidden.notEligible || hidden.info))
    lines.push(opts.lang === 'zh'
      ? `未列出：不符合 ${hidden.notEligible} 项，程序性/非资金/按其他政策/原文缺陷 ${hidden.info} 项（加 --all 查看）`
      : `Not shown: ${hidden.notEligible} not eligible, ${hidden.info} information-only (use --all)`);
  if (footnotes.length) lines.push('', ...footnotes);
  return lines.join('\n') + '\n';
}

/** Only the free-text columns are bounded; the rest size to their content (CJK counted double). */
function colWidths(levels: number): (number | null)[] {
  return [null, null, 30, null, null, ...Array.from({ length: levels }, () => null), 40];
}
