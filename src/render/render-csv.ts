import type { Evaluation } from '../engine/types.js';
import { catalogue, type Lang } from '../i18n/messages.js';
import { levelsUsed, reportRows } from './rows.js';
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

/** The itemised report as CSV (one row per clause shown). */
export function renderCsv(ev: Evaluation, lang: Lang, all = false): string {
  const m = catalogue(lang);
  const levels = levelsUsed(ev);
  let out = csvLine([m.words.document!, m.words.clause!, m.words.title!, m.words.status!, m.words.award!, ...levels.map((l) => m.level[l]!), m.words.note!]);
  for (const r of reportRows(ev, lang, all))
    out += csvLine([r.document, r.clause, r.title, r.status, r.award, ...levels.map((l) => r.shares[l] ?? ''), r.note]);
  return out;
}
