/**
 * Text from input files (names, ids, values, rule texts) reaches terminals, CSV and
 * Markdown reports and JSON. Control characters in it could move the cursor, recolour
 * or clear a terminal (ESC and C1 sequences), overwrite a line (a lone CR), or show
 * text in another order than it is stored (bidi overrides). They are shown escaped
 * instead, as \u001b: visible, and not an instruction to anything that reads them.
 * Tab and line feed (and CR before LF) stay: cells may hold line breaks.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
/** What JSON.stringify leaves raw: DEL, C1 and bidi controls (it escapes C0 itself). */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function safeText(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, escaped) : s;
}

/** JSON text with the controls JSON.stringify leaves raw written as \u escapes: the same data, safe to print. */
export function safeJson(json: string): string {
  return json.replace(JSON_UNSAFE, escaped);
}
