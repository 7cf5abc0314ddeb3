import type { ErrorCode } from '../../../errors/codes.js';
import { utf8Text, XmlEvents } from './xml-events.js';
import type { NumberKind, Workbook } from './workbook-parts.js';
import { SHEET_BYTES, type ZipParts } from './zip-parts.js';

/** A cell as the file types it: the value Excel saved (for a formula, its cached result). */
export type XCell =
  | { k: 'str'; v: string }
  /** The number as written in the file, and what the cell's number format makes of it. */
  | { k: 'num'; v: string; kind: NumberKind }
  | { k: 'bool'; v: boolean }
  | { k: 'err'; v: string }
  /** An ISO 8601 date (cells of type d, from the strict file format). */
  | { k: 'date'; v: string }
  /** A cell that cannot be read: the row is an error row naming it. */
  | { k: 'bad'; code: ErrorCode; args: Record<string, string | number> };

export interface SheetRow {
  /** The sheet's row number (1-based), as Excel shows it. */
  r: number;
  /** Non-empty cells as [column (1-based), cell], in the file's order. */
  cells: [number, XCell][];
  /** The row's text went over MAX_ROW_CHARS: its cells were dropped. */
  tooLong?: boolean;
  /** With tooLong: how many characters its cells held. */
  chars?: number;
}

/** Excel keeps at most 32,767 characters in a cell; a row of many such cells is still bounded. */
export const MAX_ROW_CHARS = 1 << 20;
const MAX_COLUMN = 16384; // XFD
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A1 → column 1, row 1 (undefined when it is not a cell reference). */
export function parseRef(ref: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col <= MAX_COLUMN ? { col, row: Number(m[2]) } : undefined;
}

/** One cell being read: its attributes, then the text of its <v> or inline <is>. */
interface Pending {
  col: number;
  t?: string;
  kind: NumberKind;
  formula: boolean;
  v?: string;
  inline?: string;
}

/**
 * Streams a sheet's rows. Only the rows' cells are kept, a row at a time (plus the
 * rows of one chunk of text); reading stops at the end of <sheetData>.
 */
export async function* sheetRows(zip: ZipParts, part: string, book: Workbook): AsyncGenerator<SheetRow> {
  const out: SheetRow[] = [];
  let row: SheetRow | undefined;
  let chars = 0;
  let lastRow = 0;
  let lastCol = 0;
  let c: Pending | undefined;
  let into: 'v' | 't' | undefined;
  let phonetic = 0;
  let done = false;
  const add = (t: string) => {
    if (!row || !c) return;
    chars += t.length;
    if (chars > MAX_ROW_CHARS) return void ((row.tooLong = true), (row.cells = []), (row.chars = chars));
    if (into === 'v') c.v = (c.v ?? '') + t;
    else c.inline = (c.inline ?? '') + t;
  };
  const x = new XmlEvents({
    open(name, a) {
      if (name === 'row') {
        const r = Number(a.r);
        row = { r: Number.isInteger(r) && r > 0 ? r : lastRow + 1, cells: [] };
        lastRow = row.r;
        lastCol = 0;
        chars = 0;
      } else if (name === 'c' && row) {
        const at = a.r ? parseRef(a.r) : undefined;
        const col = at?.col ?? lastCol + 1;
        lastCol = col;
        const s = a.s === undefined ? 0 : Number(a.s);
        c = { col, t: a.t, kind: book.styles[s] ?? 'general', formula: false };
      } else if (c) {
        if (name === 'f') c.formula = true;
        else if (name === 'v') into = 'v';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && !phonetic) into = 't';
      }
    },
    text(t) {
      if (into) add(t);
    },
    close(name) {
      if (name === 'v' || name === 't') into = undefined;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && c && row) {
        const cell = row.tooLong ? undefined : cellOf(c, book);
        if (cell && !(cell.k === 'str' && cell.v === '')) row.cells.push([c.col, cell]);
        c = undefined;
      } else if (name === 'row' && row) {
        out.push(row);
        row = undefined;
      } else if (name === 'sheetData') done = true;
    },
  });
  const stream = await zip.stream(part, SHEET_BYTES);
  try {
    for await (const text of utf8Text(stream)) {
      x.write(text);
      yield* out.splice(0);
      if (done) break;
    }
    if (!done) x.end();
    yield* out.splice(0);
  } catch (e) {
    throw zip.broken(part, e);
  } finally {
    stream.destroy();
  }
}

function cellOf(c: Pending, book: Workbook): XCell | undefined {
  const v = c.v;
  switch (c.t) {
    case 's': {
      const i = Number(v);
      if (v === undefined || !Number.isInteger(i) || i < 0 || i >= book.shared.length)
        return { k: 'bad', code: 'XLSX_SHARED_STRING', args: { index: String(v ?? ''), count: book.shared.length } };
      return { k: 'str', v: book.shared[i]! };
    }
    case 'inlineStr':
      return { k: 'str', v: c.inline ?? '' };
    case 'str':
      return v === undefined ? noValue(c) : { k: 'str', v };
    case 'e':
      return v === undefined ? noValue(c) : { k: 'err', v: v.trim() };
    case 'b':
      return v === undefined ? noValue(c) : { k: 'bool', v: v.trim() === '1' || v.trim().toLowerCase() === 'true' };
    case 'd':
      return v === undefined ? noValue(c) : { k: 'date', v: v.trim() };
    default:
      if (v === undefined) return noValue(c);
      return NUMBER.test(v) && Number.isFinite(Number(v))
        ? { k: 'num', v: v.trim(), kind: c.kind }
        : { k: 'bad', code: 'XLSX_BAD_NUMBER', args: { value: v.length > 40 ? v.slice(0, 40) + '…' : v } };
  }
}

/** No value: a formatted blank cell, or a formula whose result was never saved. */
const noValue = (c: Pending): XCell | undefined => (c.formula ? { k: 'bad', code: 'XLSX_NO_VALUE', args: {} } : undefined);

/**
 * The merged ranges that start in the first `rows` rows (a header's merges), from
 * a first quick pass over the sheet: they are written after all its rows.
 */
export async function headerMerges(
  zip: ZipParts,
  part: string,
  rows: number,
): Promise<{ from: { col: number; row: number }; to: { col: number; row: number } }[]> {
  const found = new Map<string, { from: { col: number; row: number }; to: { col: number; row: number } }>();
  const tag = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g;
  let carry = '';
  const stream = await zip.stream(part, SHEET_BYTES);
  try {
    for await (const text of utf8Text(stream)) {
      const s = carry + text;
      for (const m of s.matchAll(tag)) {
        if (found.size >= 10_000) break;
        const [a, b] = m[1]!.split(':');
        const from = parseRef(a ?? '');
        const to = parseRef(b ?? a ?? '');
        if (from && to && from.row <= rows) found.set(m[1]!, { from, to });
      }
      // A tag cut in two by the chunk boundary is found in the next round.
      carry = s.slice(-512);
    }
  } catch (e) {
    throw zip.broken(part, e);
  } finally {
    stream.destroy();
  }
  return [...found.values()];
}
