import type { Finding, Words } from '../errors/codes.js';
import { catalogue, fill, type Lang } from './messages.js';
import { safeText } from './safe-text.js';

/** One line per finding: where, what, and a hint. The only place errors get words. */
export function formatFinding(f: Finding, lang: Lang): string {
  const m = catalogue(lang);
  const where =
    f.sheet !== undefined ? sheetPlace(f) : [f.file, f.line !== undefined ? `${f.line}${f.column ? ':' + f.column : ''}` : undefined].filter(Boolean).join(':');
  const row = f.row !== undefined ? `${m.words.row} ${f.row}` : undefined;
  const field = f.field ? `${m.words.field} ${f.field}` : undefined;
  const loc = [where, row, field].filter(Boolean).join(', ');
  const text = fill(m.errors[f.code], inLang(f.args, lang));
  let hint = '';
  if (f.hint?.code === 'DID_YOU_MEAN') hint = ` (${fill(m.words.didYouMean!, { suggestion: f.hint.suggestion })})`;
  else if (f.hint?.code === 'TEXT') hint = ` (${f.hint.text})`;
  // Values quoted from input (a name with an ESC sequence) are shown escaped, never sent raw to a terminal.
  return safeText(`${loc ? loc + ': ' : ''}[${f.code}] ${text}${hint}`);
}

/** Arguments given in both languages (a fact's label, a reason) in the reader's. */
function inLang(args: Finding['args'], lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === 'object' ? (v as Words)[lang] : v;
  return out;
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A place in a workbook as Excel names it: `clients.xlsx!Sheet1 B7` (a whole row: `7:7`). */
export function sheetPlace(f: Pick<Finding, 'file' | 'sheet' | 'line' | 'column'>): string {
  const cell = f.line === undefined ? '' : f.column ? `${columnLetters(f.column)}${f.line}` : `${f.line}:${f.line}`;
  const book = f.file !== undefined ? `${f.file}!${f.sheet}` : '';
  return [book, cell].filter(Boolean).join(' ');
}
