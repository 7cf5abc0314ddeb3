import { catalogue } from '../i18n/messages.js';
import type { Level } from '../schema/region-schema.js';
import { displayWidth } from './wrap-text.js';
import { wrapHanging } from './fit-columns.js';
import type { Labels } from './labels.js';
import type { AMOUNT_KINDS, ReportRow } from './rows.js';

export interface CardOptions {
  amounts: (typeof AMOUNT_KINDS)[number][];
  levels: Level[];
  l: Labels;
  width: number;
  /** The status, coloured for a terminal. */
  paint: (r: ReportRow) => string;
}

/**
 * One card per clause for a narrow terminal: the clause on its first line, then
 * status, each kind of amount on its own line under its own name (never one
 * column for all), each level's part, and the note, every line wrapped to the
 * terminal. Nothing of the table is left out.
 */
export function renderCards(rows: ReportRow[], notes: string[], o: CardOptions): string {
  const m = catalogue(o.l.lang);
  const w = m.words;
  const colon = o.l.lang === 'zh' ? '：' : ': ';
  const out: string[] = [];
  rows.forEach((r, i) => {
    const mark = `${i + 1}. `;
    const indent = displayWidth(mark);
    const field = (label: string, value: string, painted = value) => {
      if (!value) return;
      // The label stays on the first line; a long value wraps under itself.
      const lead = `${label}${colon}`;
      const lines = wrapHanging(lead + value, o.width - indent, 0);
      if (painted !== value && lines.length === 1) lines[0] = lead + painted;
      for (const line of lines) out.push(' '.repeat(indent) + line);
    };
    out.push('');
    out.push(...wrapHanging(`${r.document} · ${r.clause} · ${r.title}`, o.width, indent, mark));
    field(w.status!, r.status, o.paint(r));
    for (const k of o.amounts) field(m.amountColumn[k]!, r.amounts[k]);
    for (const lv of o.levels) field(o.l.level(lv), r.shares[lv] ?? '');
    field(w.note!, notes[i]!);
  });
  out.push('');
  return out.join('\n');
}
