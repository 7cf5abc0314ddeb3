import type { Finding } from '../errors/codes.js';
import { catalogue, fill, type Lang } from './messages.js';
import { safeText } from '../render/safe-text.js';

/** One line per finding: where, what, and a hint. The only place errors get words. */
export function formatFinding(f: Finding, lang: Lang): string {
  const m = catalogue(lang);
  const where = [f.file, f.line !== undefined ? `${f.line}${f.column ? ':' + f.column : ''}` : undefined].filter(Boolean).join(':');
  const row = f.row !== undefined ? `${m.words.row} ${f.row}` : undefined;
  const field = f.field ? `${m.words.field} ${f.field}` : undefined;
  const loc = [where, row, field].filter(Boolean).join(', ');
  const text = fill(m.errors[f.code], f.args);
  let hint = '';
  if (f.hint?.code === 'DID_YOU_MEAN') hint = ` (${fill(m.words.didYouMean!, { suggestion: f.hint.suggestion })})`;
  else if (f.hint?.code === 'TEXT') hint = ` (${f.hint.text})`;
  // Values quoted from input (a name with an ESC sequence) are shown escaped, never sent raw to a terminal.
  return safeText(`${loc ? loc + ': ' : ''}[${f.code}] ${text}${hint}`);
}
